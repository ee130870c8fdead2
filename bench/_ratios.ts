// Headline figures of a bench run, printed last by run.ts as plain `ratio NAME VALUE` lines so a
// script can read them (docs/performance.md names each one and its baseline).
const ratios = new Map<string, number>()

/** Records a headline ratio (measured against its baseline in the same run). */
export function reportRatio(name: string, value: number): void {
  if (Number.isFinite(value)) ratios.set(name, value)
}

export function ratioLines(): string[] {
  return [...ratios].map(([name, value]) => `ratio ${name} ${value.toFixed(3)}`)
}
