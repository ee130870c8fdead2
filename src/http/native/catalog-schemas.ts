// TypeBox schemas of a video's vendor aliases and a tenant's vendor accounts, re-exported by
// schemas.ts so the console's `import type` finds them in one place.
import { Type, type Static } from '@fastify/type-provider-typebox'
import { ACCOUNT_NUMBER, REGION_RULE } from '../../core/fields.ts'
import { ALIAS_VENDORS } from '../../core/model.ts'

const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' })

export const AliasVendor = Type.Enum(ALIAS_VENDORS)

/** The alias's shape is checked per vendor by the service (core/fields.ts ALIAS_RULES). */
export const AliasRefBody = Type.Object(
  {
    vendor: AliasVendor,
    alias: Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'Polyv vid (`<32 hex>_<c>`), DingTalk mediaId, Tencent `[AppName/]StreamName`.',
    }),
  },
  { additionalProperties: false },
)
export type AliasRefBody = Static<typeof AliasRefBody>

export const VideoAlias = Type.Object({
  tenantId: Type.String(),
  videoId: Type.String(),
  vendor: AliasVendor,
  alias: Type.String(),
  createdAt: IsoDate,
})
export type VideoAlias = Static<typeof VideoAlias>

export const VideoAliasList = Type.Object({ items: Type.Array(VideoAlias) })
export type VideoAliasList = Static<typeof VideoAliasList>

const Region = (description: string) => Type.String({ pattern: REGION_RULE.pattern, description })
const AccountNumber = (description: string) => Type.Integer({ ...ACCOUNT_NUMBER, description })

export const AliyunAccount = Type.Object(
  {
    customerId: Type.Optional(AccountNumber('Account UID, the PlayAuth `CustomerId`.')),
    region: Type.Optional(Region('PlayAuth `Region` when a request names none (`cn-shanghai`).')),
  },
  { additionalProperties: false },
)
export const TencentAccount = Type.Object(
  {
    appId: Type.Optional(AccountNumber('The account `AppId`.')),
    region: Type.Optional(Region('Default region (`ap-guangzhou`).')),
  },
  { additionalProperties: false },
)

/** Every vendor the tenant has facts for; PUT replaces them all (a vendor left out is forgotten). */
export const VendorAccounts = Type.Object(
  { aliyun: Type.Optional(AliyunAccount), tencent: Type.Optional(TencentAccount) },
  { additionalProperties: false },
)
export type VendorAccounts = Static<typeof VendorAccounts>
