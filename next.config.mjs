/** Next.js settings for Berth's UI; the custom server in server/main.ts owns the HTTP listener. */
const basePath = process.env.BERTH_BASE_PATH || '';

const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  basePath,
  env: { NEXT_PUBLIC_BERTH_BASE_PATH: basePath },
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
