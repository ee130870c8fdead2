// The in-process store's values by expiry (memory-shared-state.ts): which one to evict when the
// store is full, and which ones to sweep.

export interface Entry {
  value: string
  readonly expiresAt: number
}

// A heap item is stale once its key was deleted or re-set (the map then holds another Entry).
export interface HeapItem {
  readonly key: string
  readonly entry: Entry
}

// A binary min-heap on expiresAt: O(log n) insert and eviction of the entry expiring soonest.
export function createExpiryHeap() {
  let items: HeapItem[] = []

  const less = (a: number, b: number): boolean =>
    (items[a] as HeapItem).entry.expiresAt < (items[b] as HeapItem).entry.expiresAt

  function swap(a: number, b: number): void {
    const tmp = items[a] as HeapItem
    items[a] = items[b] as HeapItem
    items[b] = tmp
  }

  function up(index: number): void {
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!less(i, parent)) return
      swap(i, parent)
      i = parent
    }
  }

  function down(index: number): void {
    let i = index
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < items.length && less(left, smallest)) smallest = left
      if (right < items.length && less(right, smallest)) smallest = right
      if (smallest === i) return
      swap(i, smallest)
      i = smallest
    }
  }

  return {
    size: () => items.length,
    peek: (): HeapItem | undefined => items[0],
    push(item: HeapItem): void {
      items.push(item)
      up(items.length - 1)
    },
    pop(): HeapItem | undefined {
      const top = items[0]
      const last = items.pop()
      if (top !== undefined && last !== undefined && items.length > 0) {
        items[0] = last
        down(0)
      }
      return top
    },
    rebuild(next: HeapItem[]): void {
      items = next
      for (let i = (items.length >> 1) - 1; i >= 0; i--) down(i)
    },
  }
}
