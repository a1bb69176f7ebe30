// The Content-Security-Policy (a fresh script nonce per response) and Strict-Transport-Security
// are set per request in proxy.ts (lib/http/security-headers.ts); these are the same everywhere.
/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two builds (say, two journey suites) run side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
