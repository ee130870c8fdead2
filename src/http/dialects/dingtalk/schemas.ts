// DingTalk wire names and types (dingtalk.md §1, §4): query strings and JSON bodies read into
// camelCase inputs, and the success bodies with the exact field names and JSON types the SDK maps.
import { AppError } from '../../../core/errors.ts'
import type { Recording, TranscriptParagraph } from '../../../core/model.ts'

/** Longest value any DingTalk parameter may have here; a longer one is paramsError. */
const MAX_TEXT = 1024

const invalid = (parameter: string) =>
  new AppError('INVALID_PARAMETER', `${parameter} is malformed`, { details: { parameter } })

/** A string parameter: '' when absent (the use case says whether it is required). */
export function text(value: unknown, parameter: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw invalid(parameter)
  return value
}

/** An optional string parameter. */
export function optionalText(value: unknown, parameter: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, parameter)
}

/** A non-negative integer from a query string ("20") or a JSON number; undefined when absent. */
export function integer(value: unknown, parameter: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value)
  throw invalid(parameter)
}

/** A list of strings from a JSON body; undefined when absent. */
export function textList(value: unknown, parameter: string): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.length > 1000) throw invalid(parameter)
  return value.map((v) => text(v, parameter))
}

/** getVideos' `videoList[]` entry: times and sizes as numbers, `recordId` a string. */
export function videoEntry(r: Recording) {
  return {
    recordId: r.id,
    unionId: r.unionId,
    startTime: r.startedAt.getTime(),
    endTime: r.endedAt.getTime(),
    duration: r.durationMs,
    fileSize: r.fileSize,
    mediaId: r.mediaId,
    regionId: r.regionId,
    recordType: 0,
  }
}

/** getTexts' `paragraphList[]` entry; `nextTtoken` (sic, two t's) is the cursor after it. */
export function paragraphEntry(p: TranscriptParagraph) {
  return {
    recordId: p.recordId,
    unionId: p.unionId,
    nickName: p.nickName,
    paragraph: p.paragraph,
    startTime: p.startTime,
    endTime: p.endTime,
    status: p.status,
    nextTtoken: p.seq, // wire name, do not rename
    sentenceList: p.sentenceList.map((s) => ({
      sentence: s.sentence,
      startTime: s.startTime,
      endTime: s.endTime,
      unionId: s.unionId,
      wordList: s.wordList.map((w) => ({
        word: w.word,
        wordId: w.wordId,
        startTime: w.startTime,
        endTime: w.endTime,
      })),
    })),
  }
}
