import type { FastifyInstance } from 'fastify'
import { call } from './testApp'

/** The office opens a campaign for one enterprise; answers the campaign's id and its assessment's URL. */
export async function openCampaignFor(
  app: FastifyInstance,
  tokens: { office: string; liaison: string },
  enterpriseId: number,
  name: string,
): Promise<{ campaignId: number; base: string }> {
  const campaign = await call(app, tokens.office, {
    method: 'POST',
    url: '/api/v1/campaigns',
    payload: {
      name,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      dueDate: '2026-12-20',
      enterpriseIds: [enterpriseId],
    },
  })
  if (campaign.statusCode !== 201) throw new Error(`campaign not opened: ${campaign.body}`)
  const campaignId: number = campaign.json().id
  const list = await call(app, tokens.liaison, {
    method: 'GET',
    url: `/api/v1/enterprises/${enterpriseId}/assessments`,
  })
  const id: number = list
    .json()
    .assessments.find((a: { campaign: { id: number } }) => a.campaign.id === campaignId).id
  return { campaignId, base: `/api/v1/enterprises/${enterpriseId}/assessments/${id}` }
}
