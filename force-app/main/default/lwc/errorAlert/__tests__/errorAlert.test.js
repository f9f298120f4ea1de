import { createElement } from '@lwc/engine-dom';
import ErrorAlert from 'c/errorAlert';

function createErrorAlert(props = {}) {
    const element = createElement('c-error-alert', { is: ErrorAlert });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function textOf(element) {
    return element.shadowRoot.textContent.replace(/\s+/g, ' ').trim();
}

describe('c-error-alert', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows the heading followed by each message in an SLDS error alert', () => {
        const element = createErrorAlert({
            heading: 'The status was not changed.',
            messages: [
                'Log a call before marking the lead Qualified.',
                'Rating is required.'
            ]
        });

        const alert = element.shadowRoot.querySelector('.slds-alert_error');
        expect(alert).not.toBeNull();
        expect(textOf(element)).toBe(
            'The status was not changed. Log a call before marking the lead Qualified. Rating is required.'
        );
    });

    it('shows the heading alone when there are no messages', () => {
        const element = createErrorAlert({
            heading: 'The lead conversion could not be loaded.',
            messages: []
        });

        expect(textOf(element)).toBe(
            'The lead conversion could not be loaded.'
        );
    });

    it('shows nothing without a heading or messages', () => {
        const element = createErrorAlert();

        expect(
            element.shadowRoot.querySelector('.slds-alert_error')
        ).toBeNull();
        expect(textOf(element)).toBe('');
    });

    it('disappears once its messages and heading are cleared', async () => {
        const element = createErrorAlert({
            heading: 'The lead was not converted.',
            messages: ['Enter a close reason.']
        });

        element.heading = undefined;
        element.messages = [];
        await Promise.resolve();

        expect(
            element.shadowRoot.querySelector('.slds-alert_error')
        ).toBeNull();
    });

    it('is accessible showing messages', async () => {
        const element = createErrorAlert({
            heading: 'The lead score could not be loaded.',
            messages: ["No such column 'Engagement_Score__c' on entity 'Lead'."]
        });

        await expect(element).toBeAccessible();
    });

    it('is accessible when empty', async () => {
        const element = createErrorAlert();

        await expect(element).toBeAccessible();
    });
});
