// Every console page, as data: its address, its place in the navigation, its component. A page
// for a new API resource is one file under pages/ and one entry here.
import type { FunctionComponent } from 'preact'
import type { Route } from '../router.ts'
import { AuditPage } from './audit.tsx'
import { DingtalkPage } from './dingtalk.tsx'
import { ConferencePage } from './dingtalk-conference.tsx'
import { TranscriptPage } from './dingtalk-transcript.tsx'
import { LiveStreamPage, LiveStreamsPage } from './live-streams.tsx'
import { OverviewPage } from './overview.tsx'
import { PlayAuthKeysPage } from './play-auth-keys.tsx'
import { PlayDomainPage, PlayDomainsPage } from './play-domains.tsx'
import { TenantPage, TenantsPage } from './tenants.tsx'
import { VideoPage, VideosPage } from './videos.tsx'

export interface PageProps {
  readonly route: Route
  readonly params: Record<string, string>
}

export interface PageDef {
  /** `/videos/:id`; `:name` segments arrive in `params`. */
  readonly path: string
  /** Shown in the navigation when set (top-level pages only). */
  readonly nav?: string
  readonly component: FunctionComponent<PageProps>
}

export const PAGES: readonly PageDef[] = [
  { path: '/overview', nav: 'Overview', component: OverviewPage },
  { path: '/tenants', nav: 'Tenants', component: TenantsPage },
  { path: '/tenants/:id', component: TenantPage },
  { path: '/videos', nav: 'Videos', component: VideosPage },
  { path: '/videos/:id', component: VideoPage },
  { path: '/play-domains', nav: 'Play domains', component: PlayDomainsPage },
  { path: '/play-domains/:id', component: PlayDomainPage },
  { path: '/live-streams', nav: 'Live streams', component: LiveStreamsPage },
  { path: '/live-streams/:id', component: LiveStreamPage },
  { path: '/dingtalk', nav: 'DingTalk', component: DingtalkPage },
  { path: '/dingtalk/:tenantId/conferences/:id', component: ConferencePage },
  { path: '/dingtalk/:tenantId/conferences/:id/transcript', component: TranscriptPage },
  { path: '/play-auth-keys', nav: 'PlayAuth keys', component: PlayAuthKeysPage },
  { path: '/audit', nav: 'Audit log', component: AuditPage },
]

/** Where `/` goes. */
export const HOME = '/overview'
