// TLS material per VM: a private CA, dockerd's server certificate and Berth's client certificate.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GUEST_ADDRESS } from './paths';
import { run } from './run';

export interface VmCerts {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export function certFiles(dir: string): VmCerts {
  return {
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server-key.pem'),
    clientCert: join(dir, 'cert.pem'),
    clientKey: join(dir, 'key.pem'),
  };
}

/** Makes the certificates once per VM (kept across restarts); only the owner can read the keys. */
export async function ensureCerts(dir: string): Promise<VmCerts> {
  const files = certFiles(dir);
  if (Object.values(files).every((f) => existsSync(f))) return files;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caKey = join(dir, 'ca-key.pem');
  const ext = join(dir, 'server.ext');
  writeFileSync(ext, `subjectAltName=IP:127.0.0.1,IP:${GUEST_ADDRESS},DNS:localhost\nextendedKeyUsage=serverAuth\n`);
  const clientExt = join(dir, 'client.ext');
  writeFileSync(clientExt, 'extendedKeyUsage=clientAuth\n');
  const ossl = (args: string[]) => run('openssl', args, { cwd: dir });
  const days = '3650';
  await ossl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', caKey]);
  await ossl(['req', '-new', '-x509', '-key', caKey, '-subj', '/CN=Berth VM CA', '-days', days, '-out', files.ca]);
  for (const [key, cert, cn, extFile] of [
    [files.serverKey, files.serverCert, 'berth-vm', ext],
    [files.clientKey, files.clientCert, 'berth', clientExt],
  ] as const) {
    const csr = `${cert}.csr`;
    await ossl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    await ossl(['req', '-new', '-key', key, '-subj', `/CN=${cn}`, '-out', csr]);
    await ossl(['x509', '-req', '-in', csr, '-CA', files.ca, '-CAkey', caKey, '-CAcreateserial', '-days', days, '-extfile', extFile, '-out', cert]);
    rmSync(csr);
  }
  for (const f of [caKey, files.serverKey, files.clientKey]) chmodSync(f, 0o600);
  rmSync(ext);
  rmSync(clientExt);
  return files;
}

export function readCerts(files: VmCerts): { ca: Buffer; cert: Buffer; key: Buffer } {
  return { ca: readFileSync(files.ca), cert: readFileSync(files.clientCert), key: readFileSync(files.clientKey) };
}
