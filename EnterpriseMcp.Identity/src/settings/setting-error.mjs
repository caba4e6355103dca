/** A start-up problem the operator fixes by changing the named setting; reported as one line, exit code 2. */
export class SettingError extends Error {
  constructor(setting, problem) {
    super(`${setting}: ${problem}`);
    this.name = 'SettingError';
    this.setting = setting;
  }
}
