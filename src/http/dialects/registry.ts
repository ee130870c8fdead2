// Every vendor dialect PlayGate speaks, in one list. It feeds the routes (http/plugins.ts), the
// protocol constraint at `/`, per-action limits in the config and the generated docs. Adding a
// dialect is its folder plus one line here (docs/decisions/0004-dialect-contract.md).
import { createDialectConstraint } from '../shared/dialect-constraint.ts'
import { aliyunDialect } from './aliyun/dialect.ts'
import type { Dialect } from './contract.ts'
import { dingtalkDialect } from './dingtalk/dialect.ts'
import { polyvDialect } from './polyv/dialect.ts'
import { tencentDialect } from './tencent/dialect.ts'

export const DIALECTS: readonly Dialect[] = [
  aliyunDialect,
  tencentDialect,
  dingtalkDialect,
  polyvDialect,
]

/** Tells the dialects at `/` apart by their protocol markers (Fastify route constraint). */
export const DIALECT_CONSTRAINT = createDialectConstraint(DIALECTS)
