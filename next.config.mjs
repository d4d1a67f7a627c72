/** Next.js settings for Berth's UI; the custom server in server/main.ts owns the HTTP listener. */
const basePath = process.env.BERTH_BASE_PATH || '';
// A second build (the end-to-end tests' build for a base path) can live beside the default one.
const distDir = process.env.BERTH_DIST_DIR || '.next';

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  basePath,
  distDir,
  env: { NEXT_PUBLIC_BERTH_BASE_PATH: basePath },
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
