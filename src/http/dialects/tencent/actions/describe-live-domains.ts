// DescribeLiveDomains (tencent-live.md §5.3): the tenant's play domains, filtered and paged as
// Tencent does (PageSize 10–100, default 10; PageNum from 1). PlayGate has no push domains.
import type { PlayDomain } from '../../../../core/model.ts'
import type { TencentAction } from '../dialect.ts'
import { domainInfoBody, onlyKnown, optionalInteger, optionalString } from '../schemas.ts'

/** Enough for any tenant's domains; the filters run over them in memory. */
const MAX_DOMAINS = 10_000

export const describeLiveDomains: TencentAction = {
  name: 'DescribeLiveDomains',
  limit: 100,
  async run({ request, principal, services }) {
    const p = request.params
    onlyKnown(p, [
      'DomainStatus',
      'DomainType',
      'PageSize',
      'PageNum',
      'IsDelayLive',
      'DomainPrefix',
      'PlayType',
    ])
    const status = optionalInteger(p, 'DomainStatus', { min: 0, max: 1 })
    const type = optionalInteger(p, 'DomainType', { min: 0, max: 1 })
    const pageSize = optionalInteger(p, 'PageSize', { min: 10, max: 100 }) ?? 10
    const pageNum = optionalInteger(p, 'PageNum', { min: 1, max: 100_000 }) ?? 1
    const delay = optionalInteger(p, 'IsDelayLive', { min: 0, max: 1 })
    const playType = optionalInteger(p, 'PlayType', { min: 1, max: 3 })
    const prefix = optionalString(p, 'DomainPrefix')?.toLowerCase() ?? ''

    const all: PlayDomain[] = []
    for (let page = 1; all.length < MAX_DOMAINS; page++) {
      const got = await services.livePlayAuth.list(principal.tenantId, page, 100)
      all.push(...got.items)
      if (got.items.length < 100) break
    }
    const matching = all.filter(
      (d) =>
        (status === undefined || status === 1) &&
        (type === undefined || type === 1) &&
        (delay === undefined || delay === 0) &&
        (playType === undefined || playType === 1) &&
        d.host.startsWith(prefix),
    )
    const start = (pageNum - 1) * pageSize
    return {
      AllCount: matching.length,
      DomainList: matching.slice(start, start + pageSize).map(domainInfoBody),
      CreateLimitCount: MAX_DOMAINS,
      PlayTypeCount: [matching.length, 0, 0],
    }
  },
}
