// useLoad: one API read bound to a component, with its loading and error states and a reload.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

export interface Loaded<T> {
  readonly data?: T
  readonly error?: Error
  readonly loading: boolean
  readonly reload: () => void
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({
    loading: true,
  })
  const [tick, setTick] = useState(0)
  const latest = useRef(0)
  useEffect(() => {
    const mine = ++latest.current
    setState((s) => ({ data: s.data, loading: true }))
    load().then(
      (data) => mine === latest.current && setState({ data, loading: false }),
      (error: unknown) =>
        mine === latest.current &&
        setState({
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        }),
    )
    // `load` is a fresh closure each render; `deps` says when it means something new.
  }, [...deps, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}
