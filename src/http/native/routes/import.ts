// POST /v1/import: a whole fixture (docs/import.md) as JSON, or YAML with a YAML content type.
// 400 lists every problem with its path and writes nothing; 200 counts what was created, updated
// and left unchanged. Registered inside the native plugin, whose hook checks the admin token.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../config/schema.ts'
import type { Services } from '../../../services/container.ts'
import { syntaxOf, type Problem } from '../../../services/import-document.ts'
import { IMPORT_KINDS, ImportRejectedError } from '../../../services/import.ts'
import { logFailure } from '../../shared/log-failure.ts'
import { toNativeError } from '../errors.ts'
import { createImportParser } from '../import-parse.ts'
import { ErrorBody, ErrorResponses } from '../schemas.ts'

/** Fixtures are bigger than API requests; this is the floor, http.bodyLimitBytes may raise it. */
export const IMPORT_BODY_LIMIT = 16 * 1024 * 1024

export const YAML_CONTENT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml']

const Counts = Type.Object({
  created: Type.Integer({ minimum: 0 }),
  updated: Type.Integer({ minimum: 0 }),
  unchanged: Type.Integer({ minimum: 0 }),
})

export const ImportResult = Type.Object(
  { summary: Type.Object(Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, Counts]))) },
  { description: 'How many records of each kind were created, updated or left unchanged.' },
)

export const ImportProblemsBody = Type.Object(
  {
    error: Type.Object({
      ...ErrorBody.properties.error.properties,
      problems: Type.Optional(
        Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
          description:
            'Every problem of the document, with its path (`tenants[0].videos[2].title`).',
        }),
      ),
    }),
  },
  { description: 'An error; for a document with problems, each one is listed.' },
)

export const importRoutes: FastifyPluginAsyncTypebox<{ services: Services; config: Config }> = (
  app,
  { services, config },
) => {
  const importer = services.importer
  // Large documents are parsed on a worker: the event loop here also serves playback.
  const parser = createImportParser()

  // This plugin's own parsers: the text is parsed in the handler, so a syntax error becomes a
  // problem with a position like any other, not a bare "invalid JSON".
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser(
    ['application/json', ...YAML_CONTENT_TYPES],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  )

  const problemsReply = (request: FastifyRequest, reply: FastifyReply, problems: Problem[]) => {
    const error = new ImportRejectedError(problems)
    logFailure(request, error)
    const { status, body } = toNativeError(error, request.id)
    return reply.status(status).send({ error: { ...body.error, problems } })
  }

  app.post(
    '/import',
    {
      bodyLimit: Math.max(IMPORT_BODY_LIMIT, config.http.bodyLimitBytes),
      schema: {
        tags: ['import'],
        operationId: 'importFixture',
        summary:
          'Import a whole fixture (tenants, keys, domains, videos, DingTalk data) idempotently',
        description:
          'The body is the document of docs/import.md, as JSON or as YAML (`content-type: application/yaml`). It is checked whole first; with any problem nothing is written and the 400 lists them all.',
        response: { 200: ImportResult, 400: ImportProblemsBody, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : ''
      const parsed = await parser.parse(text, syntaxOf(request.headers['content-type'] ?? ''))
      if (!parsed.ok) return problemsReply(request, reply, parsed.problems)
      try {
        return { summary: await importer.apply(parsed.value) }
      } catch (error) {
        if (error instanceof ImportRejectedError)
          return problemsReply(request, reply, [...error.problems])
        throw error
      }
    },
  )
  return Promise.resolve()
}
