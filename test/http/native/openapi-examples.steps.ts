// The example request of every native operation, in the order they are sent to one server seeded
// with the demo catalog (src/services/demo.ts): reads and creations first, deletions last, so each
// request finds what it names. `{{name}}` stands for a value an earlier response gave (`save`).
// Each step is also sent wrong (openapi-examples.test.ts): without the admin token, with its last
// path parameter unknown, with a body that is not JSON, and in the ways its `errors` list.
import { DEMO } from '../../../src/services/demo.ts'

export interface ExampleStep {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly params?: Record<string, string>
  readonly query?: Record<string, string>
  readonly body?: unknown
  readonly contentType?: string
  /** The documented success status this request gets. */
  readonly status: number
  /** Values of the response to name in later steps, by a dotted path (`items.0.id`). */
  readonly save?: Record<string, string>
  /** Not an operation: a viewer playing a URL (to have a viewing session to list and end). */
  readonly play?: string
  /** The path parameter sent unknown for the 404 example, when not the last (idempotent deletes). */
  readonly notFound?: string
  /** Requests this operation refuses beyond the ones every operation gets, with their 4xx. */
  readonly errors?: readonly ErrorCase[]
}

/** The step's request with some parts replaced, and the 4xx it gets. */
export interface ErrorCase {
  readonly name: string
  readonly summary: string
  readonly status: number
  readonly params?: Record<string, string>
  readonly query?: Record<string, string>
  readonly body?: unknown
  /** Sent as it is, with `Content-Type: application/json`. */
  readonly rawBody?: string
  /** Sent without the admin token (or with this one). */
  readonly token?: string | null
}

const tn = { tenantId: DEMO.tenantId }
const video = { id: DEMO.videoId }
const t0 = '2026-01-01T09:00:00.000Z'
const t1 = '2026-01-01T10:00:00.000Z'
const conference = { tenantId: DEMO.tenantId, conferenceId: 'conf-weekly-sync' }

export const EXAMPLE_STEPS: readonly ExampleStep[] = [
  // Tenants and their vendor accounts
  {
    method: 'GET',
    path: '/v1/tenants',
    query: { page: '1', pageSize: '20' },
    status: 200,
    errors: [
      {
        name: 'invalidQuery',
        summary: 'a page size out of range',
        status: 400,
        query: { page: '1', pageSize: '0' },
      },
    ],
  },
  {
    method: 'POST',
    path: '/v1/tenants',
    body: { name: 'Acme Learning' },
    status: 201,
    save: { tenant: 'id' },
    errors: [
      {
        name: 'invalidField',
        summary: 'a field out of its range',
        status: 400,
        body: { name: '' },
      },
    ],
  },
  { method: 'GET', path: '/v1/tenants/{id}', params: { id: DEMO.tenantId }, status: 200 },
  {
    method: 'PATCH',
    path: '/v1/tenants/{id}',
    params: { id: '{{tenant}}' },
    body: { name: 'Acme Learning Ltd', status: 'active' },
    status: 200,
  },
  { method: 'GET', path: '/v1/tenants/{id}/accounts', params: { id: DEMO.tenantId }, status: 200 },
  {
    method: 'PUT',
    path: '/v1/tenants/{id}/accounts',
    params: { id: DEMO.tenantId },
    body: {
      aliyun: { customerId: 1234567890123456, region: 'cn-shanghai' },
      tencent: { appId: 1250000000, region: 'ap-guangzhou' },
    },
    status: 200,
  },
  // Access keys
  {
    method: 'POST',
    path: '/v1/tenants/{tenantId}/access-keys',
    params: tn,
    body: { protocol: 'aliyun', description: 'course platform backend' },
    status: 201,
    save: { accessKey: 'id' },
  },
  { method: 'GET', path: '/v1/tenants/{tenantId}/access-keys', params: tn, status: 200 },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/access-keys/{id}',
    params: { ...tn, id: '{{accessKey}}' },
    status: 200,
  },
  {
    method: 'PATCH',
    path: '/v1/tenants/{tenantId}/access-keys/{id}',
    params: { ...tn, id: '{{accessKey}}' },
    body: { status: 'disabled', description: 'replaced by a new key' },
    status: 200,
  },
  // Videos and their streams, aliases and play URLs
  {
    method: 'GET',
    path: '/v1/videos',
    query: { tenantId: DEMO.tenantId, status: 'Normal' },
    status: 200,
  },
  { method: 'GET', path: '/v1/videos/{id}', params: video, status: 200 },
  {
    method: 'POST',
    path: '/v1/videos',
    body: {
      tenantId: DEMO.tenantId,
      title: 'Lesson 1: Getting started',
      referenceId: 'lesson-1',
      tags: ['course'],
    },
    status: 201,
    save: { video: 'id' },
  },
  {
    method: 'PATCH',
    path: '/v1/videos/{id}',
    params: { id: '{{video}}' },
    body: { description: 'The first lesson of the course.' },
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/videos/{id}/streams',
    params: { id: '{{video}}' },
    body: { location: DEMO.mp4 },
    status: 201,
    save: { stream: 'id' },
  },
  { method: 'GET', path: '/v1/videos/{id}/streams', params: video, status: 200 },
  {
    method: 'GET',
    path: '/v1/videos/{id}/streams/{streamId}',
    params: { id: '{{video}}', streamId: '{{stream}}' },
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/videos/{id}/aliases',
    params: video,
    body: { vendor: 'polyv', alias: 'de00000000000000000000000000000d_d' },
    status: 201,
  },
  { method: 'GET', path: '/v1/videos/{id}/aliases', params: video, status: 200 },
  {
    method: 'GET',
    path: '/v1/videos/{id}/play-urls',
    params: video,
    query: { ttlSeconds: '600' },
    status: 200,
    save: { playUrl: 'items.0.url' },
    errors: [
      {
        name: 'invalidQuery',
        summary: 'a validity out of range',
        status: 400,
        query: { ttlSeconds: '0' },
      },
    ],
  },
  // Play domains and their keys; the play-auth key ring
  {
    method: 'GET',
    path: '/v1/play-domains',
    query: { tenantId: DEMO.tenantId },
    status: 200,
    save: { domain: 'items.0.id' },
  },
  { method: 'GET', path: '/v1/play-domains/{id}', params: { id: '{{domain}}' }, status: 200 },
  { method: 'GET', path: '/v1/play-domains/{id}/keys', params: { id: '{{domain}}' }, status: 200 },
  {
    method: 'POST',
    path: '/v1/play-domains',
    body: {
      tenantId: DEMO.tenantId,
      host: 'video.example.com',
      scheme: 'aliyun-a',
      ttlSeconds: 1800,
      allowedOrigins: ['https://learn.example.com'],
    },
    status: 201,
    save: { newDomain: 'id' },
  },
  {
    method: 'PATCH',
    path: '/v1/play-domains/{id}',
    params: { id: '{{newDomain}}' },
    body: { ttlSeconds: 3600 },
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/play-domains/{id}/rotate',
    params: { id: '{{newDomain}}' },
    body: {},
    status: 200,
  },
  { method: 'GET', path: '/v1/play-auth-keys', status: 200 },
  { method: 'POST', path: '/v1/play-auth-keys/rotate', status: 200 },
  { method: 'POST', path: '/v1/play-auth-keys/retire', status: 200 },
  // Viewer controls: policies, a viewing session, revocations
  {
    method: 'PUT',
    path: '/v1/play-domains/{id}/viewer-policy',
    params: { id: '{{newDomain}}' },
    body: {
      rules: [{ action: 'deny', ip: ['203.0.113.0/24'] }],
      caps: { maxIpsPerCredential: 3 },
    },
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/play-domains/{id}/viewer-policy',
    params: { id: '{{newDomain}}' },
    status: 200,
  },
  {
    method: 'PUT',
    path: '/v1/videos/{id}/viewer-policy',
    params: video,
    body: { caps: { maxIpsPerCredential: 2, idleSeconds: 300 } },
    status: 200,
  },
  { method: 'GET', path: '/v1/videos/{id}/viewer-policy', params: video, status: 200 },
  { method: 'GET', path: '', status: 200, play: '{{playUrl}}' },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/sessions',
    params: tn,
    status: 200,
    save: { session: 'items.0.id' },
  },
  {
    method: 'POST',
    path: '/v1/tenants/{tenantId}/credentials/identify',
    params: tn,
    body: { url: '{{playUrl}}' },
    status: 200,
  },
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/sessions/{id}',
    params: { ...tn, id: '{{session}}' },
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/tenants/{tenantId}/revocations',
    params: tn,
    body: { kind: 'viewer', value: 'user-42', reason: 'shared their account' },
    status: 201,
    save: { revocation: 'id' },
  },
  { method: 'GET', path: '/v1/tenants/{tenantId}/revocations', params: tn, status: 200 },
  // Play passwords and a viewer's unlock
  {
    method: 'PUT',
    path: '/v1/videos/{id}/password',
    params: { id: '{{video}}' },
    body: { password: 'open-sesame' },
    status: 204,
  },
  { method: 'GET', path: '/v1/videos/{id}/password', params: { id: '{{video}}' }, status: 200 },
  {
    method: 'POST',
    path: '/v1/videos/{id}/passwords',
    params: { id: '{{video}}' },
    body: { label: 'staff', password: 'staff-only-2026' },
    status: 201,
    errors: [
      {
        name: 'conflict',
        summary: 'a label that is taken',
        status: 409,
        body: { label: 'default', password: 'staff-only-2026' },
      },
    ],
  },
  {
    method: 'PUT',
    path: '/v1/videos/{id}/passwords/{label}',
    params: { id: '{{video}}', label: 'staff' },
    body: { password: 'staff-only-2027' },
    status: 200,
  },
  { method: 'GET', path: '/v1/videos/{id}/passwords', params: { id: '{{video}}' }, status: 200 },
  {
    method: 'POST',
    path: '/v1/videos/{id}/unlock',
    params: { id: '{{video}}' },
    body: { password: 'open-sesame' },
    status: 200,
    errors: [
      {
        name: 'wrongPassword',
        summary: "a password that is not the video's",
        status: 403,
        body: { password: 'not-the-password' },
      },
    ],
  },
  // Live streams
  {
    method: 'POST',
    path: '/v1/live-streams',
    body: { playDomainId: '{{domain}}', streamName: 'keynote', location: 'live/keynote.m3u8' },
    status: 201,
    save: { live: 'id' },
  },
  { method: 'GET', path: '/v1/live-streams', query: { tenantId: DEMO.tenantId }, status: 200 },
  { method: 'GET', path: '/v1/live-streams/{id}', params: { id: '{{live}}' }, status: 200 },
  {
    method: 'GET',
    path: '/v1/live-streams/{id}/play-urls',
    params: { id: '{{live}}' },
    status: 200,
  },
  {
    method: 'PATCH',
    path: '/v1/live-streams/{id}',
    params: { id: '{{live}}' },
    body: { enabled: false },
    status: 200,
  },
  // DingTalk: the organisation, its apps, users, conferences, recordings and transcripts
  {
    method: 'PUT',
    path: '/v1/tenants/{tenantId}/dingtalk/org',
    params: tn,
    body: { corpId: 'dingexamplecorp0001', name: 'Demo Corp' },
    status: 200,
  },
  { method: 'GET', path: '/v1/tenants/{tenantId}/dingtalk/org', params: tn, status: 200 },
  {
    method: 'POST',
    path: '/v1/tenants/{tenantId}/dingtalk/apps',
    params: tn,
    body: {
      appKey: 'dingexampleappkey01',
      appSecret: 'example-app-secret-0000000001',
      description: 'conference recordings',
      scopes: ['VideoConference.Conference.Read'],
    },
    status: 201,
    save: { app: 'id' },
  },
  { method: 'GET', path: '/v1/tenants/{tenantId}/dingtalk/apps', params: tn, status: 200 },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/dingtalk/apps/{id}',
    params: { ...tn, id: '{{app}}' },
    status: 200,
  },
  {
    method: 'PATCH',
    path: '/v1/tenants/{tenantId}/dingtalk/apps/{id}',
    params: { ...tn, id: '{{app}}' },
    body: { description: 'conference recordings and transcripts' },
    status: 200,
  },
  {
    method: 'PUT',
    path: '/v1/tenants/{tenantId}/dingtalk/users/{unionId}',
    params: { ...tn, unionId: 'union-alice' },
    body: { userId: 'alice', name: 'Alice' },
    status: 201,
  },
  { method: 'GET', path: '/v1/tenants/{tenantId}/dingtalk/users', params: tn, status: 200 },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/dingtalk/users/{unionId}',
    params: { ...tn, unionId: 'union-alice' },
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences',
    params: tn,
    body: {
      id: conference.conferenceId,
      title: 'Weekly sync',
      hostUnionId: 'union-alice',
      participants: ['union-alice'],
      startedAt: t0,
      endedAt: t1,
    },
    status: 201,
  },
  { method: 'GET', path: '/v1/tenants/{tenantId}/dingtalk/conferences', params: tn, status: 200 },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}',
    params: conference,
    status: 200,
  },
  {
    method: 'PATCH',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}',
    params: conference,
    body: { title: 'Weekly sync (week 1)' },
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings',
    params: conference,
    body: {
      id: 'rec-weekly-sync-1',
      videoId: DEMO.videoId,
      regionId: 'cn-shanghai',
      unionId: 'union-alice',
      startedAt: t0,
      endedAt: t1,
      durationMs: 3_600_000,
    },
    status: 201,
  },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings',
    params: conference,
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings/{id}',
    params: { ...conference, id: 'rec-weekly-sync-1' },
    status: 200,
  },
  {
    method: 'PATCH',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings/{id}',
    params: { ...conference, id: 'rec-weekly-sync-1' },
    body: { fileSize: 104_857_600 },
    status: 200,
  },
  {
    method: 'PUT',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/transcript',
    params: conference,
    body: {
      paragraphs: [
        {
          recordId: 1,
          unionId: 'union-alice',
          nickName: 'Alice',
          paragraph: 'Good morning, everyone.',
          startTime: 0,
          endTime: 2000,
          status: 1,
          sentenceList: [
            {
              sentence: 'Good morning, everyone.',
              startTime: 0,
              endTime: 2000,
              unionId: 'union-alice',
              wordList: [{ word: 'Good', wordId: 'w1', startTime: 0, endTime: 400 }],
            },
          ],
        },
      ],
    },
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/transcript',
    params: conference,
    status: 200,
  },
  // The audit trail of all the above, and an import
  {
    method: 'GET',
    path: '/v1/audit-events',
    query: { tenantId: DEMO.tenantId, pageSize: '2' },
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/import',
    body: {
      version: 1,
      tenants: [
        {
          id: 'tn_imported',
          name: 'Imported Ltd',
          videos: [{ title: 'Welcome', referenceId: 'welcome' }],
        },
      ],
    },
    status: 200,
  },
  // Deletions, the things others refer to last
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/transcript',
    params: conference,
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings/{id}',
    params: { ...conference, id: 'rec-weekly-sync-1' },
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}',
    params: conference,
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/dingtalk/users/{unionId}',
    params: { ...tn, unionId: 'union-alice' },
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/dingtalk/apps/{id}',
    params: { ...tn, id: '{{app}}' },
    status: 204,
  },
  { method: 'DELETE', path: '/v1/tenants/{tenantId}/dingtalk/org', params: tn, status: 204 },
  { method: 'DELETE', path: '/v1/live-streams/{id}', params: { id: '{{live}}' }, status: 204 },
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/revocations/{id}',
    params: { ...tn, id: '{{revocation}}' },
    status: 204,
  },
  { method: 'DELETE', path: '/v1/videos/{id}/viewer-policy', params: video, status: 204 },
  {
    method: 'DELETE',
    path: '/v1/play-domains/{id}/viewer-policy',
    params: { id: '{{newDomain}}' },
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/v1/videos/{id}/passwords/{label}',
    params: { id: '{{video}}', label: 'staff' },
    status: 204,
    notFound: 'id',
  },
  { method: 'DELETE', path: '/v1/videos/{id}/password', params: { id: '{{video}}' }, status: 204 },
  {
    method: 'DELETE',
    path: '/v1/videos/{id}/aliases',
    params: video,
    query: { vendor: 'polyv', alias: 'de00000000000000000000000000000d_d' },
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/v1/videos/{id}/streams/{streamId}',
    params: { id: '{{video}}', streamId: '{{stream}}' },
    status: 204,
  },
  { method: 'DELETE', path: '/v1/videos/{id}', params: { id: '{{video}}' }, status: 204 },
  { method: 'DELETE', path: '/v1/play-domains/{id}', params: { id: '{{newDomain}}' }, status: 204 },
  {
    method: 'DELETE',
    path: '/v1/tenants/{tenantId}/access-keys/{id}',
    params: { ...tn, id: '{{accessKey}}' },
    status: 204,
  },
  { method: 'DELETE', path: '/v1/tenants/{id}', params: { id: '{{tenant}}' }, status: 204 },
]
