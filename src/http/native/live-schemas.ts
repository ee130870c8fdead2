// TypeBox schemas of live streams (a play domain's `{AppName}/{StreamName}`) and their play URLs,
// re-exported by schemas.ts so the console's `import type` finds them in one place.
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox'
import { MAX_PAGE_SIZE } from '../../services/pages.ts'

const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Id = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })
/** The service checks the exact rule (letters, digits, `_ - .`, no extension) and names it. */
const StreamName = Type.String({ minLength: 1, maxLength: 128 })
const Location = Type.String({
  minLength: 1,
  maxLength: 2048,
  description:
    'The HLS playlist: a path under the media root a live origin writes (`hls/test.m3u8`), or an http(s) URL the edge proxies.',
})
const PushKey = Nullable(
  Type.String({
    minLength: 6,
    maxLength: 128,
    pattern: '^[\\x21-\\x7e]+$',
    description: 'Signs push URLs; null refuses publishing; generated when absent.',
  }),
)

export const LiveStream = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  playDomainId: Type.String(),
  appName: Type.String(),
  streamName: Type.String(),
  location: Type.String(),
  videoId: Nullable(Type.String()),
  enabled: Type.Boolean(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
})
export type LiveStream = Static<typeof LiveStream>

export const LiveStreamWithKey = Type.Object({
  ...LiveStream.properties,
  pushKey: Nullable(Type.String()),
})
export type LiveStreamWithKey = Static<typeof LiveStreamWithKey>

export const CreateLiveStreamBody = Type.Object(
  {
    playDomainId: Id,
    appName: Type.Optional({ ...StreamName, description: 'AppName; `live` by default.' }),
    streamName: StreamName,
    location: Location,
    videoId: Type.Optional(Nullable(Id)),
    enabled: Type.Optional(Type.Boolean()),
    pushKey: Type.Optional(PushKey),
  },
  { additionalProperties: false },
)
export type CreateLiveStreamBody = Static<typeof CreateLiveStreamBody>

export const UpdateLiveStreamBody = Type.Object(
  {
    location: Type.Optional(Location),
    videoId: Type.Optional(Nullable(Id)),
    enabled: Type.Optional(Type.Boolean()),
    pushKey: Type.Optional(PushKey),
  },
  { additionalProperties: false },
)
export type UpdateLiveStreamBody = Static<typeof UpdateLiveStreamBody>

export const LiveStreamListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
  tenantId: Type.Optional(Id),
  playDomainId: Type.Optional(Id),
})
export type LiveStreamListQuery = Static<typeof LiveStreamListQuery>

export const LivePlayUrlsQuery = Type.Object(
  {
    ttlSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 86400,
        description: "Validity; the domain's AuthDelta by default.",
      }),
    ),
  },
  { additionalProperties: false },
)
export type LivePlayUrlsQuery = Static<typeof LivePlayUrlsQuery>

export const LivePlayUrls = Type.Object({
  streamId: Type.String(),
  host: Type.String({ description: 'The play domain.' }),
  expiresAt: IsoDate,
  m3u8: Type.String({ description: 'HLS, served by the edge.' }),
  flv: Type.String({ description: 'HTTP-FLV, served by the live origin.' }),
  rtmp: Type.String({ description: 'RTMP, served by the origin, gated by its callback.' }),
  webrtc: Type.String({ description: 'WebRTC (`webrtc://`), served by the origin.' }),
  push: Type.Optional(
    Type.String({ description: 'RTMP push URL signed with the push key (valid 24 h).' }),
  ),
})
export type LivePlayUrls = Static<typeof LivePlayUrls>
