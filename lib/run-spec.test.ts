import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { emptyRunSpec, memoryBytes, parseEnvFile, runSpecSchema, specFieldErrors, toDockerRunCommand } from './run-spec';
import { joinShellWords, shellQuote, splitShellWords } from './shell-words';

/** What sh itself makes of a quoted word: the proof that quoting is right. */
function shEcho(line: string): string[] {
  const out = execFileSync('sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  const tricky = ['plain', 'two words', "it's", 'say "hi"', '$HOME and $(id) and `id`', 'line one\nline two', '', 'a\\b', '*.txt', "'", '!bang', 'tab\there'];

  it('leaves plain words alone and quotes everything else so sh reads it back unchanged', () => {
    expect(shellQuote('busybox:latest')).toBe('busybox:latest');
    expect(shellQuote('KEY=value')).toBe('KEY=value');
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('')).toBe("''");
    expect(shEcho(tricky.map(shellQuote).join(' '))).toEqual(tricky);
  });

  it('splits what people type into the words sh would pass, and joins them back', () => {
    expect(splitShellWords(`sh -c 'echo "$HOME"; exit 3'`)).toEqual(['sh', '-c', 'echo "$HOME"; exit 3']);
    expect(splitShellWords(`echo "a \\"b\\" \\$c" d\\ e ''`)).toEqual(['echo', 'a "b" $c', 'd e', '']);
    expect(() => splitShellWords(`echo 'open`)).toThrow('single quote');
    const words = tricky.filter((w) => w !== '');
    expect(splitShellWords(joinShellWords(words))).toEqual(words);
  });
});

describe('toDockerRunCommand', () => {
  it('is docker run -d IMAGE for an empty spec', () => {
    expect(toDockerRunCommand(emptyRunSpec('busybox'))).toBe('docker run -d busybox');
  });

  it('writes every option as the docker run flag, each argument quoted', () => {
    const cmd = toDockerRunCommand({
      ...emptyRunSpec('berth-test/busybox:latest'),
      name: 'web',
      command: ['sh', '-c', 'echo "$GREETING" it\'s; sleep 1'],
      entrypoint: '',
      env: [{ key: 'GREETING', value: 'hello world' }, { key: 'MULTI', value: 'a\nb' }, { key: 'EMPTY', value: '' }],
      ports: [
        { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' },
        { hostIp: '', hostPort: '', containerPort: '53', protocol: 'udp' },
        { hostIp: '::1', hostPort: '', containerPort: '81', protocol: 'tcp' },
      ],
      volumes: [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'bind', source: '/srv/my app', target: '/app', readOnly: true },
        { type: 'tmpfs', source: '', target: '/run', readOnly: false },
      ],
      network: 'berth-test',
      restart: { policy: 'on-failure', maxRetries: '3' },
      labels: [{ key: 'team', value: 'a b' }],
      cpus: '1.5',
      memory: '512m',
      autoRemove: false,
      tty: true,
      interactive: true,
    });
    expect(cmd).toBe(
      "docker run -d --name web -it -e 'GREETING=hello world' -e 'MULTI=a\nb' -e EMPTY= -p 127.0.0.1:8080:80 -p 53/udp -p '[::1]::81'" +
        " -v data:/data -v '/srv/my app:/app:ro' --tmpfs /run --network berth-test --restart on-failure:3 -l 'team=a b' --cpus 1.5 --memory 512m" +
        ` berth-test/busybox:latest sh -c 'echo "$GREETING" it'\\''s; sleep 1'`,
    );
    // sh reads the preview back into exactly the arguments docker would receive.
    expect(shEcho(cmd.replace(/^docker run /, ''))).toContain('echo "$GREETING" it\'s; sleep 1');
    expect(shEcho(cmd.replace(/^docker run /, ''))).toContain('MULTI=a\nb');
  });

  it('leaves out rows a form left blank', () => {
    const spec = { ...emptyRunSpec('busybox'), env: [{ key: '', value: '' }], ports: [{ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' as const }], autoRemove: true };
    expect(toDockerRunCommand(spec)).toBe('docker run -d --rm busybox');
  });
});

describe('runSpecSchema', () => {
  it('says what is wrong with each field, keyed by its path in the form', () => {
    const result = runSpecSchema.safeParse({
      ...emptyRunSpec('busybox'),
      name: '-bad',
      env: [{ key: '1BAD KEY', value: 'x' }],
      ports: [{ hostIp: '', hostPort: '70000', containerPort: '80', protocol: 'tcp' }],
      volumes: [{ type: 'bind', source: 'relative', target: 'data', readOnly: false }],
      memory: '12xb',
      cpus: 'lots',
    });
    expect(result.success).toBe(false);
    const fields = specFieldErrors(result.error!);
    expect(Object.keys(fields).sort()).toEqual(['cpus', 'env.0.key', 'memory', 'name', 'ports.0.hostPort', 'volumes.0.source', 'volumes.0.target']);
    expect(fields['ports.0.hostPort']).toEqual(['must be a port number from 1 to 65535, or empty for any free port']);
    expect(fields.memory).toEqual(['must be a size such as 512m or 1.5g (units b, k, m, g), or empty for no limit']);
  });

  it('reads sizes as docker does and refuses a limit under 6m', () => {
    expect(memoryBytes('512m')).toBe(512 * 2 ** 20);
    expect(memoryBytes('1.5g')).toBe(1.5 * 2 ** 30);
    expect(memoryBytes('1GiB')).toBe(2 ** 30);
    expect(memoryBytes('12xb')).toBeNull();
    expect(specFieldErrors(runSpecSchema.safeParse({ ...emptyRunSpec('busybox'), memory: '4m' }).error!).memory).toEqual(['must be at least 6m, the least the engine allows']);
  });

  it('refuses --rm with a restart policy, as docker does', () => {
    const r = runSpecSchema.safeParse({ ...emptyRunSpec('busybox'), autoRemove: true, restart: { policy: 'always', maxRetries: '' } });
    expect(specFieldErrors(r.error!)).toEqual({ 'restart.policy': ['must be "no" when the container removes itself on exit (--rm)'] });
  });

  it('refuses the same host port twice', () => {
    const p = { hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' as const };
    const r = runSpecSchema.safeParse({ ...emptyRunSpec('busybox'), ports: [p, { ...p, containerPort: '81' }] });
    expect(Object.keys(specFieldErrors(r.error!))).toEqual(['ports.1.hostPort']);
  });
});

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, skips comments and blanks, keeps values as written', () => {
    const text = '# settings\n\nDB_HOST=db\n  DB_PASS=s3cr=t # not a comment\r\nQUOTED="kept"\nBARE\n=novalue\nDB_HOST=db2\n';
    expect(parseEnvFile(text)).toEqual([
      { key: 'DB_PASS', value: 's3cr=t # not a comment' },
      { key: 'QUOTED', value: '"kept"' },
      { key: 'BARE', value: '' },
      { key: 'DB_HOST', value: 'db2' },
    ]);
  });
});
