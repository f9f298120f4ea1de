import { createElement } from '@lwc/engine-dom';
import LeadScore from 'c/leadScore';
import { getRecord } from 'lightning/uiRecordApi';

const mockHot = require('./data/getRecordHot.json');
const mockWarm = require('./data/getRecordWarm.json');
const mockCold = require('./data/getRecordCold.json');
const mockNoScore = require('./data/getRecordNoScore.json');

// A UI API read error as getRecord reports it when the user cannot see a score field.
const READ_ERROR = {
    status: 400,
    statusText: 'Bad Request',
    body: [
        {
            errorCode: 'INVALID_FIELD',
            message:
                "No such column 'Engagement_Score__c' on entity 'Lead'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."
        }
    ]
};

// The hot lead's payload with other parts; the formula total is their sum, as in the org.
function withScores(engagement, demographics, behaviour) {
    const record = JSON.parse(JSON.stringify(mockHot));
    record.fields.Engagement_Score__c.value = engagement;
    record.fields.Demographic_Score__c.value = demographics;
    record.fields.Behaviour_Score__c.value = behaviour;
    record.fields.Lead_Score__c.value = engagement + demographics + behaviour;
    return record;
}

function createLeadScore(props = {}) {
    const element = createElement('c-lead-score', { is: LeadScore });
    element.recordId = mockHot.id;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

// Resolves once the wire emit has re-rendered the component.
function flushPromises() {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    return new Promise((resolve) => setTimeout(resolve, 0));
}

async function renderWith(record, props) {
    const element = createLeadScore(props);
    getRecord.emit(record);
    await flushPromises();
    return element;
}

function textOf(node) {
    return node ? node.textContent.replace(/\s+/g, ' ').trim() : null;
}

function text(element, selector) {
    return textOf(element.shadowRoot.querySelector(selector));
}

function band(element) {
    return text(element, '.lead-score__band');
}

// The error text a user sees: what each errorAlert inside the component's live region renders.
function alertText(element) {
    const region = element.shadowRoot.querySelector('[role="alert"]');
    return [...region.querySelectorAll('c-error-alert')]
        .map((alert) => alert.shadowRoot.textContent)
        .join(' ');
}

describe('c-lead-score', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('asks getRecord for the total and the three parts of the score', async () => {
        createLeadScore();
        await flushPromises();

        expect(getRecord.getLastConfig()).toEqual({
            recordId: mockHot.id,
            fields: [
                { objectApiName: 'Lead', fieldApiName: 'Lead_Score__c' },
                { objectApiName: 'Lead', fieldApiName: 'Engagement_Score__c' },
                { objectApiName: 'Lead', fieldApiName: 'Demographic_Score__c' },
                { objectApiName: 'Lead', fieldApiName: 'Behaviour_Score__c' }
            ]
        });
    });

    it('shows a loading message until the record arrives', async () => {
        const element = createLeadScore();
        await flushPromises();

        expect(text(element, '.lead-score__loading')).toBe(
            'Loading the lead score…'
        );
        expect(
            element.shadowRoot.querySelector('.lead-score__total')
        ).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the total, the band and each part with its points', async () => {
        const element = await renderWith(mockHot);

        expect(text(element, '.lead-score__total')).toBe('82');
        expect(band(element)).toBe('Hot');
        const parts = [
            ...element.shadowRoot.querySelectorAll('.lead-score__part')
        ].map((item) => [
            textOf(item.querySelector('.lead-score__part-label')),
            textOf(item.querySelector('.lead-score__part-value'))
        ]);
        expect(parts).toEqual([
            ['Engagement', '40 points'],
            ['Demographics', '25 points'],
            ['Behaviour', '17 points']
        ]);
        expect(text(element, '.lead-score__thresholds')).toBe(
            'Hot from 70 points, warm from 40.'
        );
        expect(
            element.shadowRoot.querySelector('.lead-score__loading')
        ).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('draws each part’s share of the score as a decorative bar', async () => {
        const element = await renderWith(withScores(50, 30, 20));

        const widths = [
            ...element.shadowRoot.querySelectorAll('.slds-progress-bar__value')
        ].map((bar) => bar.style.width);
        expect(widths).toEqual(['50%', '30%', '20%']);
        element.shadowRoot
            .querySelectorAll('.slds-progress-bar')
            .forEach((bar) =>
                expect(bar.getAttribute('aria-hidden')).toBe('true')
            );
    });

    it.each([
        [69, 'Warm'],
        [70, 'Hot'],
        [71, 'Hot'],
        [39, 'Cold'],
        [40, 'Warm'],
        [41, 'Warm'],
        [1, 'Cold']
    ])(
        'puts a score of %i in the %s band with the default thresholds',
        async (score, expected) => {
            const element = await renderWith(withScores(score, 0, 0));

            expect(text(element, '.lead-score__total')).toBe(String(score));
            expect(band(element)).toBe(expected);
            expect(text(element, '.lead-score__why')).toMatch(
                new RegExp(`^${expected}: ${score} points`)
            );
        }
    );

    it.each([
        [79, 'Warm'],
        [80, 'Hot'],
        [49, 'Cold'],
        [50, 'Warm']
    ])(
        'uses the thresholds set in App Builder: %i is %s with hot 80 and warm 50',
        async (score, expected) => {
            const element = await renderWith(withScores(0, score, 0), {
                hotThreshold: 80,
                warmThreshold: 50
            });

            expect(band(element)).toBe(expected);
            expect(text(element, '.lead-score__thresholds')).toBe(
                'Hot from 80 points, warm from 50.'
            );
        }
    );

    it('reads thresholds that arrive as text', async () => {
        const element = await renderWith(withScores(30, 0, 0), {
            hotThreshold: '60',
            warmThreshold: '25'
        });

        expect(band(element)).toBe('Warm');
        expect(text(element, '.lead-score__thresholds')).toBe(
            'Hot from 60 points, warm from 25.'
        );
    });

    it.each([
        ['warm above hot', { hotThreshold: 30, warmThreshold: 50 }],
        ['warm equal to hot', { hotThreshold: 50, warmThreshold: 50 }],
        ['a hot threshold that is not a number', { hotThreshold: 'high' }],
        ['a blank warm threshold', { warmThreshold: null }]
    ])('falls back to the default bands for %s', async (_case, props) => {
        // One component, the lead's score changing under it: the default bands still apply.
        const element = await renderWith(withScores(70, 0, 0), props);
        expect(band(element)).toBe('Hot');
        expect(text(element, '.lead-score__thresholds')).toBe(
            'Hot from 70 points, warm from 40.'
        );

        getRecord.emit(withScores(0, 45, 0));
        await flushPromises();
        expect(band(element)).toBe('Warm');

        getRecord.emit(withScores(0, 0, 39));
        await flushPromises();
        expect(band(element)).toBe('Cold');
        await expect(element).toBeAccessible();
    });

    it('explains a hot score by its biggest part', async () => {
        const element = await renderWith(mockHot);

        expect(text(element, '.lead-score__why')).toBe(
            'Hot: 82 points, mostly from engagement (40 of 82).'
        );
    });

    it('explains a warm score by demographics when they weigh most', async () => {
        const element = await renderWith(mockWarm);

        expect(band(element)).toBe('Warm');
        expect(text(element, '.lead-score__why')).toBe(
            'Warm: 55 points, mostly from demographics (30 of 55).'
        );
        await expect(element).toBeAccessible();
    });

    it('explains a cold score by behaviour when it weighs most', async () => {
        const element = await renderWith(mockCold);

        expect(band(element)).toBe('Cold');
        expect(text(element, '.lead-score__why')).toBe(
            'Cold: 12 points, mostly from behaviour (7 of 12).'
        );
        await expect(element).toBeAccessible();
    });

    it('names every part that ties for the most points', async () => {
        const element = await renderWith(withScores(30, 30, 10));

        expect(text(element, '.lead-score__why')).toBe(
            'Hot: 70 points, equally from engagement and demographics (30 each).'
        );
    });

    it('says there is no score yet when every part is blank or zero', async () => {
        const element = await renderWith(mockNoScore);

        expect(text(element, '.lead-score__empty')).toBe(
            'No score yet: this lead has no engagement, demographic or behaviour points.'
        );
        expect(
            element.shadowRoot.querySelector('.lead-score__total')
        ).toBeNull();
        expect(
            element.shadowRoot.querySelector('.lead-score__band')
        ).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the getRecord error in an alert', async () => {
        const element = createLeadScore();
        const region = element.shadowRoot.querySelector('[role="alert"]');
        getRecord.error(
            READ_ERROR.body,
            READ_ERROR.status,
            READ_ERROR.statusText
        );
        await flushPromises();

        // Screen readers announce only what is added to a live region already in the page.
        expect(element.shadowRoot.querySelector('[role="alert"]')).toBe(region);
        expect(alertText(element)).toContain(
            'The lead score could not be loaded.'
        );
        expect(alertText(element)).toContain(
            "No such column 'Engagement_Score__c' on entity 'Lead'."
        );
        expect(
            element.shadowRoot.querySelector('.lead-score__loading')
        ).toBeNull();
        expect(
            element.shadowRoot.querySelector('.lead-score__total')
        ).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('replaces an error with the score once the record loads', async () => {
        const element = createLeadScore();
        getRecord.error(READ_ERROR.body);
        await flushPromises();
        expect(alertText(element)).toContain(
            'The lead score could not be loaded.'
        );
        getRecord.emit(mockHot);
        await flushPromises();

        expect(alertText(element)).toBe('');
        expect(text(element, '.lead-score__total')).toBe('82');
    });
});
