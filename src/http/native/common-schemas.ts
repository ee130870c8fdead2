// The building blocks every native schema file shares: ids, dates, text, errors and pages.
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox'
import { ERROR_CODE_LIST } from '../../core/errors.ts'
import { TENANT_NAME } from '../../core/fields.ts'
import { MAX_PAGE_SIZE } from '../../services/pages.ts'

export const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** Ids in paths and filters: opaque, but bounded (Fastify's router caps path params at 100). */
export const Id = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })
export const CustomId = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_.-]+$',
  description: 'Optional own id (import, migration); generated when absent.',
})
/** Free text: anything but NUL, which PostgreSQL's text type refuses. */
export const Text = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...options, pattern: '^[^\\u0000]*$' })
export const Name = Text(TENANT_NAME)
/** A shared secret someone chose (vendor consoles accept 6–128 printable characters). */
export const ChosenSecret = Type.String({
  minLength: 6,
  maxLength: 128,
  pattern: '^[\\x21-\\x7e]+$',
})

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODE_LIST),
      message: Type.String(),
      requestId: Type.String(),
      parameter: Type.Optional(Type.String({ description: 'The offending field, when known.' })),
    }),
  },
  { description: 'Every error of the native API.' },
)
export type ErrorBody = Static<typeof ErrorBody>

export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
})
export type PageQuery = Static<typeof PageQuery>

/** `{ items, total, page, pageSize }`, the shape of every list. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1 }),
  })
export interface PageOf<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export const IdParams = Type.Object({ id: Id })
export type IdParams = Static<typeof IdParams>
