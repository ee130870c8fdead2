// Display helpers: dates, sizes and durations as people read them.
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString()
}

export function formatBytes(bytes: number): string {
  if (!bytes) return '0 B'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  const power = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)))
  return `${(bytes / 1024 ** power).toFixed(power === 0 ? 0 : 1)} ${units[power]}`
}

export function formatDuration(seconds: number): string {
  if (!seconds) return '0 s'
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  return h ? `${h} h ${m} min` : m ? `${m} min ${rest} s` : `${seconds.toFixed(1)} s`
}

/** "in 5 min" / "3 min ago", for expiries. */
export function relative(iso: string, now = Date.now()): string {
  const diff = Math.round((new Date(iso).getTime() - now) / 1000)
  const abs = Math.abs(diff)
  const text =
    abs < 90
      ? `${abs} s`
      : abs < 5400
        ? `${Math.round(abs / 60)} min`
        : `${Math.round(abs / 3600)} h`
  return diff >= 0 ? `in ${text}` : `${text} ago`
}
