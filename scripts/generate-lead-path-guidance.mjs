#!/usr/bin/env node
// Writes lwc/leadPath/stageGuidance.js from the Lead PathAssistant, so the guidance and key fields
// live in one place: the Path that Setup shows and edits. After changing the Path (in source, or in
// Setup and then retrieved), run `npm run generate:lead-guidance`; the leadPath jest suite fails
// while the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseXml } from '@orgkit/checks/xml';
import prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const pathFile =
    'force-app/main/default/pathAssistants/Lead_Path.pathAssistant-meta.xml';
const moduleFile = 'force-app/main/default/lwc/leadPath/stageGuidance.js';

function childText(element, name) {
    return element.children.filter((c) => c.name === name).map((c) => c.text);
}

function readGuidance() {
    const parsed = parseXml(readFileSync(root + pathFile, 'utf8'));
    if (!parsed.ok) {
        throw new Error(
            `${pathFile}:${parsed.problem.line}: ${parsed.problem.message}`
        );
    }
    const guidance = {};
    for (const step of parsed.root.children.filter(
        (c) => c.name === 'pathAssistantSteps'
    )) {
        const [status] = childText(step, 'picklistValueName');
        const [info = ''] = childText(step, 'info');
        guidance[status] = {
            guidance: info,
            keyFields: childText(step, 'fieldNames')
        };
    }
    return guidance;
}

const source = `// Generated from pathAssistants/Lead_Path by scripts/generate-lead-path-guidance.mjs: edit the Path,
// then run \`npm run generate:lead-guidance\`. Guidance is the Path's rich text (HTML, shown through
// lightning-formatted-rich-text); key fields are Lead field API names.
export const STAGE_GUIDANCE = ${JSON.stringify(readGuidance())};

const NO_GUIDANCE = Object.freeze({ guidance: '', keyFields: [] });

/**
 * The guidance and key fields for a Lead status value.
 * @param {String} status the LeadStatus API value
 * @return {{guidance: String, keyFields: String[]}} empty when the status has none
 */
export function guidanceFor(status) {
    return STAGE_GUIDANCE[status] || NO_GUIDANCE;
}
`;

const options = await prettier.resolveConfig(root + moduleFile);
writeFileSync(
    root + moduleFile,
    await prettier.format(source, { ...options, filepath: root + moduleFile })
);
console.log(`wrote ${moduleFile}`);
