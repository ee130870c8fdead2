// DingTalk catalog records → native JSON (dingtalk-schemas.ts): dates as ISO strings, and only the
// fields the schemas name (an app's secret never, past its creation).
import type * as M from '../../core/model.ts'
import type { DingtalkAppView } from '../../services/dingtalk-apps.ts'
import type {
  Conference,
  DingtalkApp,
  DingtalkOrg,
  DingtalkUser,
  Recording,
  Transcript,
} from './dingtalk-schemas.ts'

export const presentDingtalkOrg = (o: M.DingtalkOrg): DingtalkOrg => ({
  tenantId: o.tenantId,
  corpId: o.corpId,
  name: o.name,
})

export const presentDingtalkApp = ({ key, scopes }: DingtalkAppView): DingtalkApp => ({
  id: key.id,
  tenantId: key.tenantId,
  appKey: key.keyId,
  status: key.status,
  description: key.description,
  scopes: [...scopes],
  createdAt: key.createdAt.toISOString(),
})

export const presentDingtalkUser = (u: M.DingtalkUser): DingtalkUser => ({
  tenantId: u.tenantId,
  unionId: u.unionId,
  userId: u.userId,
  name: u.name,
})

export const presentConference = (c: M.Conference): Conference => ({
  id: c.id,
  tenantId: c.tenantId,
  title: c.title,
  hostUnionId: c.hostUnionId,
  participants: [...c.participants],
  startedAt: c.startedAt.toISOString(),
  endedAt: c.endedAt?.toISOString() ?? null,
})

export const presentRecording = (r: M.Recording): Recording => ({
  id: r.id,
  conferenceId: r.conferenceId,
  videoId: r.videoId,
  mediaId: r.mediaId,
  regionId: r.regionId,
  unionId: r.unionId,
  startedAt: r.startedAt.toISOString(),
  endedAt: r.endedAt.toISOString(),
  durationMs: r.durationMs,
  fileSize: r.fileSize,
})

export const presentTranscript = (
  conferenceId: string,
  paragraphs: readonly M.TranscriptParagraph[],
): Transcript => ({
  conferenceId,
  paragraphs: paragraphs.map((p) => ({
    seq: p.seq,
    recordId: p.recordId,
    unionId: p.unionId,
    nickName: p.nickName,
    paragraph: p.paragraph,
    startTime: p.startTime,
    endTime: p.endTime,
    status: p.status,
    sentenceList: p.sentenceList.map((s) => ({
      sentence: s.sentence,
      startTime: s.startTime,
      endTime: s.endTime,
      unionId: s.unionId,
      wordList: s.wordList.map((w) => ({ ...w })),
    })),
  })),
})
