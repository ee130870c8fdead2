// Reads the TAP output of `npm test` on stdin, echoes it, and ends with how many passing tests
// ran inside a suite named for PostgreSQL or Redis, so CI shows those suites really ran.
import { createInterface } from 'node:readline'

interface Result {
  depth: number
  name: string
  ok: boolean
  children: Result[]
}

const BACKENDS = ['postgres', 'redis'] as const
const counts: Record<(typeof BACKENDS)[number], number> = { postgres: 0, redis: 0 }
const pending: Result[] = []
const roots: Result[] = []

let reported = false
for await (const line of createInterface({ input: process.stdin })) {
  // The runner's own summary stays last, where CI reads it: report just before it.
  if (!reported && line.startsWith('# tests ')) {
    report()
    reported = true
  }
  process.stdout.write(line + '\n')
  const match = /^( *)(ok|not ok) \d+ - (.*?)(?: # .*)?$/.exec(line)
  if (!match) continue
  const depth = match[1]!.length
  const result: Result = { depth, name: match[3]!, ok: match[2] === 'ok', children: [] }
  // In TAP a parent's line comes after its children's, which sit deeper.
  while (pending.length > 0 && pending[pending.length - 1]!.depth > depth)
    result.children.unshift(pending.pop()!)
  pending.push(result)
  if (depth === 0) roots.push(...pending.splice(0))
}

function walk(node: Result, path: string[]): void {
  const names = [...path, node.name.toLowerCase()]
  if (node.children.length === 0) {
    for (const backend of BACKENDS)
      if (node.ok && names.some((n) => n.includes(backend))) counts[backend]++
  } else node.children.forEach((child) => walk(child, names))
}
if (!reported) report()

function report(): void {
  roots.push(...pending.splice(0))
  roots.forEach((root) => walk(root, []))
  process.stdout.write(
    `# backend tests passed: postgres ${counts.postgres}, redis ${counts.redis}\n`,
  )
}
