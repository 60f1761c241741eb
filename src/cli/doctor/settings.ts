/**
 * Doctor's reading of the settings: the same sources as every command (settings-sources.ts), but
 * a bad secret does not stop the other checks — it is reported by the secret check, and the
 * rest is checked with a stand-in that never opens anything.
 */
import { SettingsError } from '../../core/config.js';
import { type LoadedSettings, type LoadOptions, loadSettings } from '../settings-sources.js';
import { type CheckResult, fail, pass, reason } from './check.js';

export interface DoctorSettings {
  readonly check: CheckResult;
  /** Undefined when settings other than the secret are invalid: nothing else can be checked. */
  readonly loaded?: LoadedSettings;
  /** Problems with the configured secret (`<source>: <problem>`); its value is then unusable. */
  readonly secretProblems: readonly string[];
  /** The settings file and the secrets env file as the loader looks for them (they may not exist). */
  readonly configFile: string;
  readonly secretsFile: string;
}

// Long enough to pass validation; marks settings whose real secret was refused.
const STAND_IN = 'doctor-stand-in-for-a-refused-secret';
// `GATEHOUSE_SECRET: …`, `./.env GATEHOUSE_SECRET: …`, `./gatehouse.toml secret: …`.
const SECRET_PROBLEM = /^(?:.*\s)?(?:GATEHOUSE_SECRET|secret): /;

export function readSettings(options: LoadOptions): DoctorSettings {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const configFile = options.configPath ?? env.GATEHOUSE_CONFIG ?? `${cwd}/gatehouse.toml`;
  const secretsFile = options.secretsPath ?? env.GATEHOUSE_SECRETS_FILE ?? `${cwd}/.env`;
  const files = { configFile, secretsFile };
  const fix = 'Correct the settings named above; every setting is described in docs/configuration.md';
  let loaded: LoadedSettings;
  try {
    loaded = loadSettings(options);
  } catch (error) {
    if (!(error instanceof SettingsError)) {
      return {
        check: fail('settings', `cannot be read: ${reason(error)}`, fix),
        secretProblems: [],
        ...files,
      };
    }
    // A value that cannot even be converted stops loading at once, with the setting's name in
    // `keys`; validation collects every problem, each a full line, in `keys`.
    const problems = error.keys.every((k) => k.includes(': ')) ? error.keys : [error.message];
    const secretProblems = problems.filter((problem) => SECRET_PROBLEM.test(problem));
    const others = problems.filter((problem) => !SECRET_PROBLEM.test(problem));
    if (secretProblems.length === 0 || others.length > 0) {
      return { check: fail('settings', `invalid: ${others.join('; ')}`, fix), secretProblems, ...files };
    }
    // Only the secret is wrong: the environment outranks every file, so a stand-in there lets
    // the rest load and be checked.
    loaded = loadSettings({ ...options, env: { ...env, GATEHOUSE_SECRET: STAND_IN } });
    const from = loaded.files.length > 0 ? ` (${loaded.files.join(', ')})` : '';
    return {
      check: pass('settings', `valid apart from the secret${from}`),
      loaded,
      secretProblems,
      ...files,
    };
  }
  return { check: valid(loaded), loaded, secretProblems: [], ...files };
}

function valid(loaded: LoadedSettings): CheckResult {
  const from = loaded.files.length > 0 ? loaded.files.join(', ') : 'no files; defaults and environment';
  return pass('settings', `valid (${from})`);
}
