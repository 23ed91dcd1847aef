import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { promisify } from 'node:util'
import postcss from 'postcss'
import type Webpack from 'webpack'
import type Chain from 'webpack-chain'

type SplitChunks = Exclude<
  NonNullable<Webpack.Configuration['optimization']>['splitChunks'],
  false | undefined
>

/** The pages a visitor may land on, and when: the rule of src/services/platform/startPage.ts. */
const LOGIN_ROUTE = '/pages/login/index'
const HOME_ROUTES = ['', '/', '/pages/home/index']
const TAB_ROUTES = [...HOME_ROUTES, '/pages/tasks/index', '/pages/mine/index']
/** The chunk of what the login page shares with other pages (see shareAcrossPages). */
const FIRST_SCREEN = 'first-screen'

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
  // Webpack's chunks while it splits them: only what the test below reads.
  type Split = { groupsIterable: Iterable<{ origins: { request?: string }[] }> }
  const isLoginPage = (chunk: Split) =>
    [...chunk.groupsIterable].some((g) => g.origins.some((o) => o.request === `.${LOGIN_ROUTE}`))
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
      // What the login page shares with other pages (Taro's components, NutUI's button, the icons, Taro's
      // toast): one chunk instead of five, so the page comes in 2 scripts and 2 stylesheets beside the
      // entry's 2 scripts, within HTTP/1.1's 6 connections a host. Split, 4 of them waited for a free
      // connection and a further round trip (562 ms on 3G): once app.js compiled off the main thread
      // (CompileHintPlugin), they came 100–150 ms after its evaluation and held the first text back.
      firstScreen: {
        name: FIRST_SCREEN,
        chunks: 'async',
        priority: 120,
        enforce: true,
        test: (module: Webpack.Module, { chunkGraph }: { chunkGraph: Webpack.ChunkGraph }) => {
          const chunks = [...chunkGraph.getModuleChunksIterable(module)] as unknown as Split[]
          return chunks.length > 1 && chunks.some(isLoginPage)
        },
      },
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

/** The JS and CSS files of the chunks the page at `route` loads (beside the entry's). */
function landingFiles(compilation: Webpack.Compilation, route: string): string[] {
  const request = `.${route}`
  const groups = compilation.chunkGroups.filter((g) => g.origins.some((o) => o.request === request))
  if (groups.length === 0) throw new Error(`h5Delivery: no chunk imports ${request}`)
  const files = groups.flatMap((g) => g.chunks.flatMap((c) => [...c.files]))
  return [...new Set(files)].filter((f) => /\.(js|css)$/.test(f))
}

/** The browser's own script: preloads the landing page's chunks (filled in by FirstPaintPlugin). */
function preloadScript(files: Record<'login' | 'home', string[]>): string {
  return `(function(){try{var r=location.hash.replace(/^#/,'').split('?')[0],s=localStorage.getItem('session'),f=${JSON.stringify(files)},p=r===${JSON.stringify(LOGIN_ROUTE)}||(!s&&${JSON.stringify(TAB_ROUTES)}.indexOf(r)>=0)?'login':s&&${JSON.stringify(HOME_ROUTES)}.indexOf(r)>=0?'home':'';(f[p]||[]).forEach(function(u){var l=document.createElement('link');l.rel='preload';l.as=/\\.css$/.test(u)?'style':'script';l.href=u;document.head.appendChild(l)})}catch(e){}})()`
}

/** The app's own stylesheet is small: inlined, it stops blocking the first paint for a round trip. */
const INLINE_CSS_MAX = 8 * 1024

/**
 * What index.html needs for a fast first screen on a slow phone network:
 * - Taro's router imports the landing page's chunks only once app.js has run: one more round trip (on 3G,
 *   over a second) after the largest download. A small script preloads the chunks of the page the visitor
 *   lands on (the login page signed out, 首页 signed in, by the session key in localStorage) beside app.js,
 *   so they are in the cache when the router asks; other pages preload nothing. It comes before any
 *   stylesheet: an inline script waits for the stylesheets above it.
 * - The entry's stylesheet (3 KB) is inlined: a linked one blocks the app shell's paint for a round trip.
 */
class FirstPaintPlugin {
  apply(compiler: Webpack.Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('FirstPaintPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After the real content hashes are in the file names, before the precompression.
        { name: 'FirstPaintPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_HASH + 1 },
        () => {
          const html = compilation.getAsset('index.html')
          if (!html) return
          const filesOf = (route: string) => landingFiles(compilation, route).map((f) => `/${f}`)
          const script = preloadScript({ login: filesOf(LOGIN_ROUTE), home: filesOf(HOME_ROUTES[2]) })
          let text = html.source.source().toString()
          if (!text.includes('<title>')) throw new Error('FirstPaintPlugin: index.html has no <title>')
          text = text.replace('<title>', `<script>${script}</script><title>`)
          text = text.replace(/<link href="\/(css\/[^"]+\.css)" rel="stylesheet">/g, (tag, file: string) => {
            const css = compilation.getAsset(file)?.source.source().toString()
            // url() would resolve against the page instead of css/: such a sheet stays linked.
            return css && css.length <= INLINE_CSS_MAX && !css.includes('url(')
              ? `<style>${css}</style>`
              : tag
          })
          compilation.updateAsset('index.html', new sources.RawSource(text))
        },
      )
    })
  }
}

/** V8's explicit compile hint (Chrome 136+; other engines read a comment). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n'

/**
 * The entry's scripts and the landing pages' chunks start with V8's compile hint: their functions nearly
 * all run at start, and V8 otherwise pre-parses each function, then parses and compiles it again on the
 * main thread when first called. With the hint it compiles them at once, on a background thread while the
 * file streams in: app.js's evaluation at CPU ×4 went from 700–930 ms to 290–430 ms in Chromium's trace
 * (V8.CompileCode and ParseFunction leave the main thread). Other pages' chunks stay lazily compiled:
 * much of their code may never run. Added before the content hash, so the names follow the bytes.
 */
export class CompileHintPlugin {
  apply(compiler: Webpack.Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('CompileHintPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After the minifier (which would drop the comment), before the real content hash.
        { name: 'CompileHintPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        () => {
          const entry = [...compilation.chunks].filter((c) => c.canBeInitial()).flatMap((c) => [...c.files])
          const landing = [LOGIN_ROUTE, HOME_ROUTES[2]].flatMap((route) => landingFiles(compilation, route))
          for (const file of new Set([...entry, ...landing]))
            if (file.endsWith('.js'))
              compilation.updateAsset(file, (source) => new sources.ConcatSource(COMPILE_HINT, source))
        },
      )
    })
  }
}

/**
 * `H5_STATS=<file>`: writes each chunk's files and its largest modules (sizes before minification), the
 * map used to decide what leaves the entry. Not part of a normal build.
 */
class StatsDump {
  apply(compiler: Webpack.Compiler): void {
    compiler.hooks.done.tap('StatsDump', (stats) => {
      const out: string[] = []
      const c = stats.compilation
      for (const chunk of c.chunks) {
        // id: the module's key in the chunk (a CPU profile names each module's function by it).
        const mods = [...c.chunkGraph.getChunkModulesIterable(chunk)].flatMap((m) =>
          ((m as unknown as { modules?: Webpack.Module[] }).modules ?? [m]).map(
            (x) =>
              [
                x.size(),
                `#${c.chunkGraph.getModuleId(m)} ${x.readableIdentifier(c.requestShortener)}`,
              ] as const,
          ),
        )
        const total = mods.reduce((n, [s]) => n + s, 0)
        out.push(
          `CHUNK ${chunk.name ?? ''} ${[...chunk.files].join(',')} initial=${chunk.canBeInitial()} total=${total}`,
        )
        for (const [s, id] of mods
          .sort((a, b) => b[0] - a[0])
          .slice(0, process.env.H5_STATS_ALL ? undefined : 60))
          out.push(`  ${s} ${id}`)
      }
      fs.writeFileSync(process.env.H5_STATS!, out.join('\n'))
    })
  }
}

/**
 * Taro's router makes its tab bar, a Stencil web component, as the app starts: @stencil/core (~30 KB
 * minified) sat in the entry only for it, since the pages use React components (`useHtmlComponents`).
 * config/h5/lazyTabbar.js makes the same bar from its own chunk, fetched beside the first page's.
 */
function lazyTabBar(chain: Chain, webpack: typeof Webpack): void {
  const standIn = path.resolve(__dirname, 'h5', 'lazyTabbar.js')
  chain.plugin('lazy-tab-bar').use(webpack.NormalModuleReplacementPlugin, [
    /^\.\/tabbar\.js$/,
    (resource: { context: string; request: string }) => {
      if (nodeModule('@tarojs[\\\\/]router[\\\\/]dist').test(`${resource.context}/`))
        resource.request = standIn
    },
  ])
}

/**
 * Taro's React components (`useHtmlComponents`) bring WeUI's button rules, written with two classes
 * (`.taro-button-core.taro-btn-default` …): they outrank NutUI's one-class colours on every NutUI button (a
 * disabled 确认签署 turned grey with a pink label, pressed buttons grey). Every button in the app is NutUI's,
 * so the build takes Taro's components stylesheet without its button rules.
 */
function withoutTaroButtonRules(chain: Chain, webpack: typeof Webpack): void {
  const source = require.resolve('@tarojs/components-react/dist/index.css')
  const target = path.resolve(__dirname, '..', 'node_modules', '.cache', 'qinglian', 'taro-components.css')
  const button = /\.taro-(button-core|btn-)/
  const root = postcss.parse(fs.readFileSync(source, 'utf8'))
  root.walkRules((rule) => {
    const kept = rule.selectors.filter((selector) => !button.test(selector))
    if (kept.length === 0) rule.remove()
    else rule.selectors = kept
  })
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.writeFileSync(target, root.toString())
  chain.plugin('taro-components-css').use(webpack.NormalModuleReplacementPlugin, [
    /^@tarojs\/components-react\/dist\/index\.css$/,
    (resource: { request: string }) => {
      resource.request = target
    },
  ])
}

/** The H5 build's delivery: chunks shared once across pages, the landing page preloaded, assets precompressed. */
export function h5Delivery(chain: Chain, webpack: typeof Webpack): void {
  shareAcrossPages(chain)
  lazyTabBar(chain, webpack)
  withoutTaroButtonRules(chain, webpack)
  if (process.env.H5_STATS) chain.plugin('h5-stats').use(StatsDump)
  chain.plugin('first-paint').use(FirstPaintPlugin)
  chain.plugin('compile-hint').use(CompileHintPlugin)
  chain.plugin('precompress').use(PrecompressPlugin)
}
