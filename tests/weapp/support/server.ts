/**
 * The API the mini-program talks to in the runner suite: the real server (demo data, test mode) on a
 * loopback port, with the local fake WeChat behind code2Session. The runner's wx.request goes to it over
 * real HTTP whatever API base the bundle was built with.
 */
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { startFakeWechat, type FakeWechat } from '../../api/support/fakeWechat'
import { createTestApp, type TestApp } from '../../api/support/testApp'
import { MiniProgram } from '../runner/miniProgram'

export const DIST = path.resolve(__dirname, '../../../dist/weapp')

export interface WeappServer {
  origin: string
  test: TestApp
  wechat: FakeWechat
  close(): Promise<void>
}

/** `env` overrides the test server's settings (e.g. production mode on an empty database). */
export async function startWeappServer(env: Record<string, string> = {}): Promise<WeappServer> {
  const wechat = await startFakeWechat()
  const test = await createTestApp({
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_APPID: 'wx-runner-app',
    WECHAT_SECRET: 'runner-secret',
    ...env,
  })
  await test.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = test.app.server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    test,
    wechat,
    async close() {
      await test.close()
      await wechat.close()
    },
  }
}

/** Launches the compiled mini-program as the WeChat user `openid` on a fresh phone. */
export async function launch(server: WeappServer, openid: string): Promise<MiniProgram> {
  const mp = new MiniProgram(DIST, { openid, serverOrigin: server.origin })
  await mp.launch()
  return mp
}
