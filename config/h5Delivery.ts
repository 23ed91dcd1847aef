import zlib from 'node:zlib'
import { promisify } from 'node:util'
import type Webpack from 'webpack'
import type Chain from 'webpack-chain'

type SplitChunks = Exclude<
  NonNullable<Webpack.Configuration['optimization']>['splitChunks'],
  false | undefined
>

const nodeModule = (pattern: string) => new RegExp(`[\\\\/]node_modules[\\\\/]${pattern}[\\\\/]`)

/**
 * Taro splits only the initial chunks (`chunks: 'initial'`), so every lazily loaded page chunk carried its
 * own copy of what pages share (@tarojs/components ×28, NutUI ×10, icons ×33, dayjs ×25 in one build).
 * Icons and dayjs, small and used by most pages, become one chunk each; NutUI, Taro's components and our
 * own modules shared by several pages are split by webpack per set of pages using them, so a page loads
 * what it uses, once (the login page none of 首页). Taro's own groups for the initial chunks are kept.
 */
function shareAcrossPages(chain: Chain): void {
  const current = (chain.optimization.get('splitChunks') ?? {}) as SplitChunks
  const named = (name: string, test: RegExp) => ({
    name,
    test,
    chunks: 'all' as const,
    priority: 110,
    enforce: true,
  })
  chain.optimization.splitChunks({
    ...current,
    cacheGroups: {
      ...current.cacheGroups,
      icons: named('nutui-icons', nodeModule('@nutui[\\\\/]icons-react-taro')),
      dayjs: named('dayjs', nodeModule('dayjs')),
      // NutUI is large and pages use different parts of it: shared per set of pages, never copied.
      nutui: {
        test: nodeModule('@nutui[\\\\/]nutui-react-taro'),
        chunks: 'async',
        minChunks: 2,
        minSize: 10_000,
        priority: 105,
        reuseExistingChunk: true,
      },
      // Taro's components (@tarojs/components), our own components, hooks and models used by several pages.
      sharedByPages: {
        chunks: 'async',
        minChunks: 2,
        minSize: 10_000,
        priority: 5,
        reuseExistingChunk: true,
      },
    },
  })
}

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/
const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * Writes `name.br` (quality 11) and `name.gz` (level 9) beside every text asset, once at build time, so
 * the server sends them as they are (@fastify/static `preCompressed`) instead of compressing each answer.
 */
class PrecompressPlugin {
  apply(compiler: Webpack.Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        async (assets) => {
          const names = Object.keys(assets).filter((name) => COMPRESSIBLE.test(name))
          await Promise.all(
            names.map(async (name) => {
              const input = compilation.getAsset(name)!.source.buffer()
              const [br, gz] = await Promise.all([
                brotli(input, {
                  params: {
                    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
                  },
                }),
                gzip(input, { level: 9 }),
              ])
              // Nothing to gain on a tiny file: the server then sends it plain (or compresses it itself).
              if (br.length >= input.length) return
              compilation.emitAsset(`${name}.br`, new sources.RawSource(br))
              compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz))
            }),
          )
        },
      )
    })
  }
}

/** The H5 build's delivery: chunks shared once across pages, assets precompressed. */
export function h5Delivery(chain: Chain): void {
  shareAcrossPages(chain)
  chain.plugin('precompress').use(PrecompressPlugin)
}
