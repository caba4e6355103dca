import { retireKeys, rotateKeys } from './src/commands/key-commands.mjs';
import { serve } from './src/commands/serve.mjs';
import { parseSettings } from './src/settings/parse-settings.mjs';
import { SettingError } from './src/settings/setting-error.mjs';

const commands = { serve, 'rotate-keys': rotateKeys, 'retire-keys': retireKeys };

try {
  const settings = parseSettings(process.argv.slice(2), process.env);
  await commands[settings.command](settings);
} catch (error) {
  if (error instanceof SettingError) {
    console.error(`EnterpriseMcp.Identity: invalid setting ${error.message}`);
    process.exit(2);
  }
  console.error(`EnterpriseMcp.Identity: ${error.stack ?? error.message}`);
  process.exit(1);
}
