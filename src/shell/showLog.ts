import type { Feature } from '../services';

/** "Dossier: Show Log" — opens Dossier's output channel, where skipped reports and failures are explained. */
export const showLogFeature: Feature<'showLog'> = ({ log }) => ({
  commands: { showLog: () => log.show(true) },
});
