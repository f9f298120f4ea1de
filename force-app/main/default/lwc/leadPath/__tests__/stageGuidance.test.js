// The guidance module is generated from the Lead PathAssistant; this fails while the two differ,
// so a Path edit can't ship without the component showing it too.
import { readFileSync } from 'fs';
import { join } from 'path';
import { STAGE_GUIDANCE, guidanceFor } from '../stageGuidance';

const PATH_FILE = join(
    __dirname,
    '../../../pathAssistants/Lead_Path.pathAssistant-meta.xml'
);

function guidanceInPath() {
    const doc = new DOMParser().parseFromString(
        readFileSync(PATH_FILE, 'utf8'),
        'application/xml'
    );
    const texts = (step, name) =>
        [...step.children]
            .filter((child) => child.localName === name)
            .map((child) => child.textContent);
    const guidance = {};
    for (const step of doc.getElementsByTagName('pathAssistantSteps')) {
        const [status] = texts(step, 'picklistValueName');
        const [info = ''] = texts(step, 'info');
        guidance[status] = {
            guidance: info,
            keyFields: texts(step, 'fieldNames')
        };
    }
    return guidance;
}

describe('stageGuidance', () => {
    it('matches the Lead PathAssistant (run `npm run generate:lead-guidance` after editing the Path)', () => {
        const inPath = guidanceInPath();
        expect(Object.keys(inPath).length).toBeGreaterThan(0);
        expect(STAGE_GUIDANCE).toEqual(inPath);
    });

    it('gives no guidance for a status the Path does not configure', () => {
        expect(guidanceFor('Converted')).toEqual({
            guidance: '',
            keyFields: []
        });
    });
});
