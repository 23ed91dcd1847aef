import { ZAttendanceInput, ZMeetingSave } from '@/models/meeting'
import { maxLengthOf } from '@/models/textLimit'

/** The meeting form's limits, field by field: the numbers the server checks (ZMeetingSave). */
export const MEETING_LIMITS = {
  topic: maxLengthOf(ZMeetingSave.shape.topic),
  place: maxLengthOf(ZMeetingSave.shape.place),
  host: maxLengthOf(ZMeetingSave.shape.host),
  recorder: maxLengthOf(ZMeetingSave.shape.recorder),
  reason: maxLengthOf(ZAttendanceInput.shape.reason),
  nonMembers: maxLengthOf(ZMeetingSave.shape.nonMemberAttendees),
  minutes: maxLengthOf(ZMeetingSave.shape.minutes),
  decisions: maxLengthOf(ZMeetingSave.shape.decisions),
  correction: maxLengthOf(ZMeetingSave.shape.correctionReason),
}
