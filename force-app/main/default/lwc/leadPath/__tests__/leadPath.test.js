import { createElement } from '@lwc/engine-dom';
import LeadPath from 'c/leadPath';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import LeadConvertModal from 'c/leadConvertModal';

const mockGetObjectInfo = require('./data/getObjectInfo.json');
const mockGetPicklistValues = require('./data/getPicklistValues.json');
const mockGetRecord = require('./data/getRecord.json');

const RECORD_ID = mockGetRecord.id;

// The modal itself is tested in leadConvertModal; here only whether and how the path opens it.
jest.mock('c/leadConvertModal', () => ({
    __esModule: true,
    CONVERTED: 'converted',
    default: { open: jest.fn() }
}));

// A UI API DML error as updateRecord rejects it when a validation rule fails.
const VALIDATION_ERROR = {
    status: 400,
    statusText: 'Bad Request',
    body: {
        message:
            'An error occurred while trying to update the record. Please try again.',
        output: {
            errors: [
                {
                    errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                    message: 'Log a call before marking the lead Qualified.'
                }
            ],
            fieldErrors: {}
        }
    }
};

function createLeadPath(props = {}) {
    const element = createElement('c-lead-path', { is: LeadPath });
    element.recordId = RECORD_ID;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

// Resolves once pending promises (wire emits, updateRecord) and re-renders have settled.
function flushPromises() {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    return new Promise((resolve) => setTimeout(resolve, 0));
}

async function emitAll(picklistValues = mockGetPicklistValues) {
    getObjectInfo.emit(mockGetObjectInfo);
    getRecord.emit(mockGetRecord);
    getPicklistValues.emit(picklistValues);
    await flushPromises();
}

function stageButtons(element) {
    return [...element.shadowRoot.querySelectorAll('.slds-path__link')];
}

function stageButton(element, value) {
    return element.shadowRoot.querySelector(
        `.slds-path__link[data-value="${value}"]`
    );
}

function actionButton(element) {
    return element.shadowRoot.querySelector('.lead-path__action');
}

// The error text a user sees: what each errorAlert inside the component's live region renders.
function alertText(element) {
    const region = element.shadowRoot.querySelector('[role="alert"]');
    return [...region.querySelectorAll('c-error-alert')]
        .map((alert) => alert.shadowRoot.textContent)
        .join(' ');
}

describe('c-lead-path', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('renders the record type stages with the current status marked', async () => {
        const element = createLeadPath();
        await emitAll();

        expect(
            stageButtons(element).map((button) =>
                button.querySelector('.slds-path__title').textContent.trim()
            )
        ).toEqual([
            'New',
            'Contacted',
            'Qualified',
            'Unqualified',
            'Converted'
        ]);

        const current = element.shadowRoot.querySelectorAll(
            '[aria-current="step"]'
        );
        expect(current).toHaveLength(1);
        expect(current[0].dataset.value).toBe('Contacted');
        expect(current[0].parentElement.classList).toContain('slds-is-current');
        expect(stageButton(element, 'New').parentElement.classList).toContain(
            'slds-is-complete'
        );
        expect(
            stageButton(element, 'Qualified').parentElement.classList
        ).toContain('slds-is-incomplete');
        expect(actionButton(element).textContent.trim()).toBe(
            'Mark Status as Complete'
        );
    });

    it('asks for the picklist values of the record’s record type', async () => {
        createLeadPath();
        await emitAll();

        expect(getPicklistValues.getLastConfig()).toEqual({
            recordTypeId: mockGetRecord.recordTypeId,
            fieldApiName: { objectApiName: 'Lead', fieldApiName: 'Status' }
        });
    });

    it('shows the guidance and key fields of the current stage, then of a chosen one', async () => {
        const element = createLeadPath();
        await emitAll();

        const guidance = () =>
            element.shadowRoot.querySelector('.lead-path__guidance');
        expect(guidance().querySelector('h2').textContent).toContain(
            'Guidance for Contacted'
        );
        expect(
            [...guidance().querySelectorAll('lightning-output-field')].map(
                (field) => field.fieldName
            )
        ).toEqual(['Title', 'Phone', 'Industry', 'Rating']);

        stageButton(element, 'Qualified').click();
        await flushPromises();

        expect(guidance().querySelector('h2').textContent).toContain(
            'Guidance for Qualified'
        );
        // The Path's rich text, sanitized and rendered by lightning-formatted-rich-text.
        expect(
            guidance().querySelector('lightning-formatted-rich-text').value
        ).toContain('Convert the lead to create the account');
    });

    it('marks the current stage complete by moving the lead to the next status', async () => {
        const element = createLeadPath();
        await emitAll();
        const toastHandler = jest.fn();
        element.addEventListener('lightning__showtoast', toastHandler);

        actionButton(element).click();
        await flushPromises();

        expect(updateRecord).toHaveBeenCalledTimes(1);
        expect(updateRecord.mock.calls[0][0]).toEqual({
            fields: { Id: RECORD_ID, Status: 'Qualified' }
        });
        expect(toastHandler).toHaveBeenCalledTimes(1);
        expect(toastHandler.mock.calls[0][0].detail).toEqual({
            title: 'Lead updated',
            message: 'Status set to Qualified.',
            variant: 'success'
        });
        expect(alertText(element)).toBe('');
        expect(
            element.shadowRoot.querySelector('[aria-current="step"]').dataset
                .value
        ).toBe('Qualified');
    });

    it('saves a chosen stage with "Mark as Current Status"', async () => {
        const element = createLeadPath();
        await emitAll();

        stageButton(element, 'Unqualified').click();
        await flushPromises();
        expect(actionButton(element).textContent.trim()).toBe(
            'Mark as Current Status'
        );
        expect(
            stageButton(element, 'Unqualified').parentElement.classList
        ).toContain('slds-is-active');

        actionButton(element).click();
        await flushPromises();

        expect(updateRecord.mock.calls[0][0]).toEqual({
            fields: { Id: RECORD_ID, Status: 'Unqualified' }
        });
        expect(
            element.shadowRoot.querySelector('[aria-current="step"]').dataset
                .value
        ).toBe('Unqualified');
    });

    it('shows the update error inline and keeps the status when the update is rejected', async () => {
        updateRecord.mockRejectedValueOnce(VALIDATION_ERROR);
        const element = createLeadPath();
        await emitAll();
        const toastHandler = jest.fn();
        element.addEventListener('lightning__showtoast', toastHandler);
        const region = element.shadowRoot.querySelector('[role="alert"]');

        actionButton(element).click();
        await flushPromises();

        // Screen readers announce only what is added to a live region already in the page.
        expect(element.shadowRoot.querySelector('[role="alert"]')).toBe(region);
        expect(alertText(element)).toContain('The status was not changed.');
        expect(alertText(element)).toContain(
            'Log a call before marking the lead Qualified.'
        );
        expect(toastHandler).not.toHaveBeenCalled();
        expect(
            element.shadowRoot.querySelector('[aria-current="step"]').dataset
                .value
        ).toBe('Contacted');
        expect(actionButton(element).disabled).toBe(false);
    });

    it('opens conversion instead of saving when the converted stage is chosen', async () => {
        LeadConvertModal.open.mockResolvedValue(undefined);
        const element = createLeadPath();
        await emitAll();

        stageButton(element, 'Converted').click();
        await flushPromises();
        expect(actionButton(element).textContent.trim()).toBe(
            'Select Converted Status'
        );
        actionButton(element).click();
        await flushPromises();

        expect(updateRecord).not.toHaveBeenCalled();
        expect(LeadConvertModal.open).toHaveBeenCalledTimes(1);
        expect(LeadConvertModal.open.mock.calls[0][0]).toEqual({
            size: 'medium',
            label: 'Convert lead',
            recordId: RECORD_ID,
            convertedStatus: 'Converted'
        });
        // Cancelled: the lead keeps its stage.
        expect(
            element.shadowRoot.querySelector('[aria-current="step"]').dataset
                .value
        ).toBe('Contacted');
    });

    it('shows the converted stage once the conversion modal closes as converted', async () => {
        LeadConvertModal.open.mockResolvedValue('converted');
        const element = createLeadPath();
        await emitAll();

        stageButton(element, 'Converted').click();
        await flushPromises();
        actionButton(element).click();
        await flushPromises();

        const current = element.shadowRoot.querySelector(
            '[aria-current="step"]'
        );
        expect(current.dataset.value).toBe('Converted');
        expect(current.parentElement.classList).toContain('slds-is-won');
        expect(updateRecord).not.toHaveBeenCalled();
    });

    it('treats the configured convertedStatus as converted when the values carry no flag', async () => {
        LeadConvertModal.open.mockResolvedValue(undefined);
        const unflagged = {
            ...mockGetPicklistValues,
            values: mockGetPicklistValues.values.map((entry) => ({
                ...entry,
                attributes: null
            }))
        };
        const element = createLeadPath({ convertedStatus: 'Qualified' });
        await emitAll(unflagged);

        // Contacted is current, so "mark complete" would move the lead to Qualified.
        actionButton(element).click();
        await flushPromises();

        expect(updateRecord).not.toHaveBeenCalled();
        expect(LeadConvertModal.open.mock.calls[0][0].convertedStatus).toBe(
            'Qualified'
        );
    });

    it('disables "Mark Status as Complete" on the last stage', async () => {
        const element = createLeadPath();
        getObjectInfo.emit(mockGetObjectInfo);
        getRecord.emit({
            ...mockGetRecord,
            fields: {
                Status: { displayValue: 'Converted', value: 'Converted' }
            }
        });
        getPicklistValues.emit(mockGetPicklistValues);
        await flushPromises();

        expect(actionButton(element).disabled).toBe(true);
        expect(
            stageButton(element, 'Converted').parentElement.classList
        ).toContain('slds-is-won');
    });

    it('shows an error state and no stages when the picklist values fail to load', async () => {
        const element = createLeadPath();
        getObjectInfo.emit(mockGetObjectInfo);
        getRecord.emit(mockGetRecord);
        getPicklistValues.error({
            message: 'Insufficient access to Lead Status'
        });
        await flushPromises();

        expect(alertText(element)).toContain(
            'The lead status path could not be loaded.'
        );
        expect(alertText(element)).toContain(
            'Insufficient access to Lead Status'
        );
        expect(stageButtons(element)).toHaveLength(0);
        expect(actionButton(element)).toBeNull();
    });

    it('shows an error state when the record fails to load', async () => {
        const element = createLeadPath();
        getObjectInfo.emit(mockGetObjectInfo);
        getRecord.error({ message: 'The requested resource does not exist' });
        await flushPromises();

        expect(alertText(element)).toContain(
            'The requested resource does not exist'
        );
        expect(stageButtons(element)).toHaveLength(0);
    });

    it('says so when the record type has no lead statuses', async () => {
        const element = createLeadPath();
        await emitAll({ ...mockGetPicklistValues, values: [] });

        expect(
            element.shadowRoot.querySelector('.lead-path__empty').textContent
        ).toContain('No lead statuses are available');
        expect(stageButtons(element)).toHaveLength(0);
    });

    it('is accessible with stages loaded', async () => {
        const element = createLeadPath();
        await emitAll();

        await expect(element).toBeAccessible();
    });

    it('is accessible showing an update error', async () => {
        updateRecord.mockRejectedValueOnce(VALIDATION_ERROR);
        const element = createLeadPath();
        await emitAll();
        actionButton(element).click();
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});
