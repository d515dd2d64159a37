/** The walkthrough's id in package.json (`contributes.walkthroughs`); VS Code names it `<extension id>#firstHour`. */
export const WALKTHROUGH_ID = 'firstHour';
