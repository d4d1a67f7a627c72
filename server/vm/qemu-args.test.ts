import { describe, expect, it } from 'vitest';
import type { VmSettings } from '../../lib/vm-settings';
import { certFiles } from './certs';
import { qemuArgs, qemuValue, sharesTable } from './qemu-args';
import { vmPaths } from './paths';

const paths = vmPaths('/home/me/.berth');
const settings: VmSettings = {
  cpus: 2,
  memoryMiB: 3072,
  swapMiB: 512,
  diskMaxGiB: 64,
  diskDir: '/data/vm',
  shares: ['/home/me', '/srv/a,b'],
  exposeAllInterfaces: false,
  switchContext: true,
};

function args(accel: 'kvm' | 'tcg') {
  return qemuArgs({ accel, settings, paths, certs: certFiles(paths.certsDir), diskFile: '/data/vm/Docker.raw', dockerPort: 40123 });
}

function valueAfter(list: string[], flag: string): string[] {
  return list.flatMap((v, i) => (list[i - 1] === flag ? [v] : []));
}

describe('qemuArgs', () => {
  it('sizes the machine from the settings', () => {
    const a = args('tcg');
    expect(valueAfter(a, '-smp')).toEqual(['2']);
    expect(valueAfter(a, '-m')).toEqual(['3072M']);
    expect(valueAfter(a, '-accel')).toEqual(['tcg,thread=multi']);
    expect(valueAfter(a, '-cpu')).toEqual(['max']);
  });

  it('uses the host CPU under KVM', () => {
    const a = args('kvm');
    expect(valueAfter(a, '-accel')).toEqual(['kvm']);
    expect(valueAfter(a, '-cpu')).toEqual(['host']);
  });

  it('attaches the root read-only and the data disk with discard, in that order', () => {
    const drives = valueAfter(args('tcg'), '-drive');
    expect(drives[0]).toContain('file=/home/me/.berth/vm/image/root.img');
    expect(drives[0]).toContain('readonly=on');
    expect(drives[1]).toContain('file=/data/vm/Docker.raw');
    expect(drives[1]).toContain('discard=unmap');
  });

  it('forwards only a loopback port to dockerd and passes its certificates, never the client key', () => {
    const a = args('tcg');
    expect(valueAfter(a, '-netdev')[0]).toBe('user,id=net0,hostfwd=tcp:127.0.0.1:40123-:2376');
    const fw = valueAfter(a, '-fw_cfg').join(' ');
    expect(fw).toContain('server-key.pem');
    expect(fw).not.toContain('/key.pem');
    expect(fw).toContain('name=opt/berth/swap,string=512');
    expect(fw).toContain(`name=opt/berth/proxy,file=${paths.proxyEnvFile}`);
  });

  it('shares each directory under its own tag, escaping commas', () => {
    const shares = valueAfter(args('tcg'), '-virtfs');
    expect(shares).toEqual([
      'local,path=/home/me,mount_tag=share0,security_model=none,id=share0',
      'local,path=/srv/a,,b,mount_tag=share1,security_model=none,id=share1',
    ]);
    expect(sharesTable(settings.shares)).toBe('share0\t/home/me\nshare1\t/srv/a,b\n');
    expect(qemuValue('a,b,,c')).toBe('a,,b,,,,c');
  });
});
