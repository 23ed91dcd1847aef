/**
 * src/zodJitless.ts sets zod's jitless flag without loading zod (it writes zod's global config object):
 * zod, loaded afterwards, must see it, and its schemas must then never probe `new Function`.
 */
describe('zodJitless', () => {
  it("is zod's own global config once zod loads, and schemas parse without new Function", async () => {
    await import('@/zodJitless')
    const { config } = await import('zod/v4/core')
    expect(config().jitless).toBe(true)

    const RealFunction = globalThis.Function
    const probe = jest.fn()
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args: unknown[]) {
        probe()
        return Reflect.construct(target, args) as object
      },
    })
    try {
      const { z } = await import('zod')
      const schema = z.object({ id: z.number(), name: z.string(), tags: z.array(z.string()) })
      expect(schema.parse({ id: 1, name: 'a', tags: ['x'] })).toEqual({ id: 1, name: 'a', tags: ['x'] })
      expect(schema.safeParse({ id: 'x' }).success).toBe(false)
    } finally {
      globalThis.Function = RealFunction
    }
    expect(probe).not.toHaveBeenCalled()
  })
})
