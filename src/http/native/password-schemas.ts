// TypeBox schemas of labelled play passwords and the viewer unlock, re-exported by schemas.ts so
// the console's `import type` finds them in one place.
import { Type, type Static } from '@fastify/type-provider-typebox'
import { MAX_PASSWORD_LENGTH } from '../../services/play-passwords.ts'

const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' })
const VideoId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })
const Password = Type.String({
  minLength: 1,
  maxLength: MAX_PASSWORD_LENGTH,
  pattern: '^[^\\u0000-\\u001f\\u007f]*$',
  description: `At most ${MAX_PASSWORD_LENGTH} characters, no control characters.`,
})

export const PasswordLabel = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,64}$',
  description: 'Names an audience (`staff`, `class-a`); `default` is the one Polyv manages.',
})

export const LabelParams = Type.Object({ id: VideoId, label: PasswordLabel })
export type LabelParams = Static<typeof LabelParams>

export const LabelledPassword = Type.Object({
  label: PasswordLabel,
  password: Type.String({ description: 'Sealed at rest; readable by the owner.' }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
})
export type LabelledPassword = Static<typeof LabelledPassword>

export const LabelledPasswords = Type.Object({
  videoId: Type.String(),
  items: Type.Array(LabelledPassword),
})
export type LabelledPasswords = Static<typeof LabelledPasswords>

export const AddPasswordBody = Type.Object(
  { label: PasswordLabel, password: Password },
  { additionalProperties: false },
)
export type AddPasswordBody = Static<typeof AddPasswordBody>

export const UnlockBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
)
export type UnlockBody = Static<typeof UnlockBody>

export const Unlocked = Type.Object({
  videoId: Type.String(),
  credential: Type.String({
    description: 'A viewer token for this video and client IP; the play URLs carry it.',
  }),
  expiresAt: IsoDate,
  playUrls: Type.Array(
    Type.Object({
      streamId: Type.String(),
      format: Type.String(),
      definition: Type.String(),
      url: Type.String(),
    }),
  ),
})
export type Unlocked = Static<typeof Unlocked>
