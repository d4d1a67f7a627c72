/** Next.js settings for Berth's UI; the custom server in server/main.ts owns the HTTP listener. */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
