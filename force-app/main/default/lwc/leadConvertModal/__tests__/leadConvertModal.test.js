import { createElement } from '@lwc/engine-dom';
import LeadConvertModal, { CONVERTED } from 'c/leadConvertModal';
import getConversionContext from '@salesforce/apex/LeadConvertController.getConversionContext';
import convertLead from '@salesforce/apex/LeadConvertController.convertLead';
import { closeCalls } from 'lightning/modal';

const mockContext = require('../../leadConvert/__tests__/data/getConversionContext.json');
const mockConvertResult = require('../../leadConvert/__tests__/data/convertLead.json');

// sfdx-lwc-jest 7.9 ships stubs for the modal's header, body and footer but none for
// lightning/modal itself: this stand-in renders like one and records what close() was called with.
jest.mock(
    'lightning/modal',
    () => {
        const { LightningElement } = require('lwc');
        const calls = [];
        return {
            __esModule: true,
            closeCalls: calls,
            default: class LightningModal extends LightningElement {
                close(result) {
                    calls.push(result);
                }
            }
        };
    },
    { virtual: true }
);

jest.mock(
    '@salesforce/apex/LeadConvertController.getConversionContext',
    () => {
        const {
            createApexTestWireAdapter
        } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

jest.mock(
    '@salesforce/apex/LeadConvertController.convertLead',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

function flushPromises() {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    return new Promise((resolve) => setTimeout(resolve, 0));
}

async function openModal() {
    const element = createElement('c-lead-convert-modal', {
        is: LeadConvertModal
    });
    element.recordId = mockContext.leadId;
    element.convertedStatus = 'Converted';
    document.body.appendChild(element);
    getConversionContext.emit(mockContext);
    await flushPromises();
    return element;
}

function closeButton(element) {
    return element.shadowRoot.querySelector('.lead-convert-modal__close');
}

describe('c-lead-convert-modal', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        closeCalls.length = 0;
        jest.clearAllMocks();
    });

    it('shows the conversion form for the lead and the status the path chose', async () => {
        const element = await openModal();

        const form = element.shadowRoot.querySelector('c-lead-convert');
        expect(form.recordId).toBe(mockContext.leadId);
        expect(form.convertedStatus).toBe('Converted');
        expect(
            element.shadowRoot.querySelector('lightning-modal-header').label
        ).toBe('Convert lead');
        expect(getConversionContext.getLastConfig()).toEqual({
            leadId: mockContext.leadId
        });
    });

    it('closes without a result when cancelled', async () => {
        const element = await openModal();

        expect(closeButton(element).label).toBe('Cancel');
        closeButton(element).click();

        expect(closeCalls).toEqual([undefined]);
    });

    it('stays open on the links after converting and closes as converted', async () => {
        convertLead.mockResolvedValue(mockConvertResult);
        const element = await openModal();
        const form = element.shadowRoot.querySelector('c-lead-convert');

        form.shadowRoot.querySelector('.lead-convert__convert').click();
        await flushPromises();

        expect(closeCalls).toEqual([]);
        expect(
            form.shadowRoot.querySelectorAll('.lead-convert__link')
        ).toHaveLength(3);
        expect(closeButton(element).label).toBe('Done');
        closeButton(element).click();
        expect(closeCalls).toEqual([CONVERTED]);
    });

    it('is accessible', async () => {
        const element = await openModal();

        await expect(element).toBeAccessible();
    });
});
