// What apps changed on a conference through the DingTalk API: room code and cloud-recording state.
import type { ConferenceState } from '../../core/model.ts'
import type { Db } from '../db.ts'
import { guardConflict } from './shared.ts'

export async function findConferenceState(
  db: Db,
  conferenceId: string,
): Promise<ConferenceState | undefined> {
  const row = await db
    .selectFrom('conference_states')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    conferenceId: row.conference_id,
    roomCode: row.room_code,
    recording:
      row.recording_started_at === null
        ? null
        : {
            startedAt: new Date(Number(row.recording_started_at)),
            unionId: row.recording_union_id ?? '',
            mode: row.recording_mode,
            smallWindowPosition: row.recording_window,
          },
  }
}

export async function upsertConferenceState(db: Db, state: ConferenceState): Promise<void> {
  const rec = state.recording
  const values = {
    room_code: state.roomCode,
    recording_started_at: rec ? rec.startedAt.getTime() : null,
    recording_union_id: rec ? rec.unionId : null,
    recording_mode: rec ? rec.mode : null,
    recording_window: rec ? rec.smallWindowPosition : null,
  }
  await guardConflict(`state of conference ${state.conferenceId}`, () =>
    db
      .insertInto('conference_states')
      .values({ conference_id: state.conferenceId, ...values })
      .onConflict((oc) => oc.column('conference_id').doUpdateSet(values))
      .execute(),
  )
}
