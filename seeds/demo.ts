import type { Kysely } from 'kysely'
import type { Database } from '../server/core/db/schema'
import { nowIso } from '../server/core/clock'
import { seedDemoCampaign } from './campaignsDemo'
import { seedDemoDealings } from './dealingsDemo'
import { seedDemoEvents } from './eventsDemo'
import { seedDemoOrganisations } from './organisationsDemo'
import { seedDemoBranches, seedDemoParty } from './partyDemo'
import { seedDemoUsers } from './usersDemo'

/**
 * Demo data: a county with the departments the programme names (附件 and tasks 1-15), one enterprise of
 * each kind the programme treats differently, and one demo user for every role. Names of people and
 * enterprises are invented for the demo; credit codes carry a valid GB 32100 check character. Each domain's
 * data is in its own module (`organisationsDemo.ts`, `usersDemo.ts`, `partyDemo.ts`, `campaignsDemo.ts`,
 * `eventsDemo.ts`, …); the order below is the order of the rows' ids.
 */

/** Loads the demo data once: does nothing if any department exists already. */
export async function seedDemoData(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('departments').select('id').limit(1).executeTakeFirst()
    if (existing) return false
    const now = nowIso()
    const organisations = await seedDemoOrganisations(trx, now)
    const userIds = await seedDemoUsers(trx, organisations, now)
    await seedDemoBranches(trx, organisations.enterprises, userIds)
    await seedDemoCampaign(trx, organisations.enterprises, userIds, now)
    await seedDemoEvents(trx, organisations, userIds, now)
    // 三会一课: branch rolls, party groups and past meeting records.
    await seedDemoParty(trx, { enterprises: organisations.enterprises, users: userIds }, Date.now())
    await seedDemoDealings(trx, userIds.get('demo-office')!, now)
    return true
  })
}
