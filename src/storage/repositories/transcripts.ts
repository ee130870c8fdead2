// Recording transcripts of a conference: paragraphs numbered 1..n in time order, replaced as a
// whole, read a page at a time from a cursor (the paragraph number) in either direction.
import type { TranscriptParagraph, TranscriptSentence } from '../../core/model.ts'
import type { Db } from '../db.ts'
import type { TranscriptParagraphTable } from '../tables.ts'
import { guardConflict, parseJson } from './shared.ts'

export type TranscriptParagraphInput = Omit<TranscriptParagraph, 'conferenceId' | 'seq'>

/** Replaces the conference's transcript in one transaction; paragraphs are numbered by start time. */
export async function replaceTranscript(
  db: Db,
  conferenceId: string,
  paragraphs: readonly TranscriptParagraphInput[],
): Promise<void> {
  const ordered = [...paragraphs].sort((a, b) => a.startTime - b.startTime || a.endTime - b.endTime)
  const write = async (tx: Db) => {
    await tx.deleteFrom('transcript_paragraphs').where('conference_id', '=', conferenceId).execute()
    // Batches keep every insert under SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < ordered.length; i += 500) {
      const rows = ordered.slice(i, i + 500).map((p, j) => toRow(conferenceId, i + j + 1, p))
      await tx.insertInto('transcript_paragraphs').values(rows).execute()
    }
  }
  // Inside a caller's transaction (the importer's) it is part of that one.
  await guardConflict(`transcript of conference ${conferenceId}`, () =>
    db.isTransaction ? write(db) : db.transaction().execute(write),
  )
}

export async function countTranscript(db: Db, conferenceId: string): Promise<number> {
  const row = await db
    .selectFrom('transcript_paragraphs')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('conference_id', '=', conferenceId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface TranscriptQuery {
  /** Ascending by time, or descending. */
  readonly descending: boolean
  /** Only paragraphs after this number in the chosen direction; 0 starts at the beginning (or end). */
  readonly after: number
  /** Ascending: paragraphs starting at or after this ms; descending: at or before (when > 0). */
  readonly startTime: number
  readonly limit: number
}

/** Up to `limit` paragraphs, and whether more follow in the same direction. */
export async function pageTranscript(
  db: Db,
  conferenceId: string,
  q: TranscriptQuery,
): Promise<{ items: TranscriptParagraph[]; hasMore: boolean }> {
  let query = db.selectFrom('transcript_paragraphs').where('conference_id', '=', conferenceId)
  if (q.descending) {
    if (q.after > 0) query = query.where('seq', '<', q.after)
    if (q.startTime > 0) query = query.where('start_ms', '<=', q.startTime)
  } else {
    if (q.after > 0) query = query.where('seq', '>', q.after)
    if (q.startTime > 0) query = query.where('start_ms', '>=', q.startTime)
  }
  const rows = await query
    .selectAll()
    .orderBy('seq', q.descending ? 'desc' : 'asc')
    .limit(q.limit + 1)
    .execute()
  return { items: rows.slice(0, q.limit).map(fromRow), hasMore: rows.length > q.limit }
}

function toRow(conferenceId: string, seq: number, p: TranscriptParagraphInput) {
  return {
    conference_id: conferenceId,
    seq,
    record_id: p.recordId,
    union_id: p.unionId,
    nick_name: p.nickName,
    paragraph: p.paragraph,
    start_ms: p.startTime,
    end_ms: p.endTime,
    status: p.status,
    sentences: JSON.stringify(p.sentenceList),
  } satisfies TranscriptParagraphTable
}

function fromRow(row: TranscriptParagraphTable): TranscriptParagraph {
  return {
    conferenceId: row.conference_id,
    seq: Number(row.seq),
    recordId: Number(row.record_id),
    unionId: row.union_id,
    nickName: row.nick_name,
    paragraph: row.paragraph,
    startTime: Number(row.start_ms),
    endTime: Number(row.end_ms),
    status: Number(row.status),
    sentenceList: parseJson<TranscriptSentence[]>(row.sentences, []),
  }
}
