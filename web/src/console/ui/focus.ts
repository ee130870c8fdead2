// Where the focus goes when a form closes (saved or cancelled): back to the button that opened
// it, which is shown again, so a keyboard user is not dropped at the top of the page.
import { useLayoutEffect, useRef } from 'preact/hooks'

export function useFocusBack<T extends HTMLElement = HTMLButtonElement>(open: boolean) {
  const ref = useRef<T>(null)
  const wasOpen = useRef(open)
  useLayoutEffect(() => {
    if (wasOpen.current && !open) ref.current?.focus()
    wasOpen.current = open
  }, [open])
  return ref
}
