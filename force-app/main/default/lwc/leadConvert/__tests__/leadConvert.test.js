import { createElement } from '@lwc/engine-dom';
import LeadConvert from 'c/leadConvert';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { navigateCalls } from 'lightning/navigation';
import getConversionContext from '@salesforce/apex/LeadConvertController.getConversionContext';
import convertLead from '@salesforce/apex/LeadConvertController.convertLead';

const mockContext = require('./data/getConversionContext.json');
const mockConvertedContext = require('./data/getConversionContextConverted.json');
const mockConvertResult = require('./data/convertLead.json');
const mockConvertError = require('./data/convertLeadError.json');
const mockContextError = require('./data/getConversionContextError.json');

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

// Record page URLs as Lightning Experience builds them, and a log of navigations.
jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const GenerateUrl = Symbol('GenerateUrl');
    const calls = [];
    const NavigationMixin = (Base) =>
        class extends Base {
            [Navigate](pageReference) {
                calls.push(pageReference);
            }
            [GenerateUrl](pageReference) {
                const { objectApiName, recordId } = pageReference.attributes;
                return Promise.resolve(
                    `/lightning/r/${objectApiName}/${recordId}/view`
                );
            }
        };
    NavigationMixin.Navigate = Navigate;
    NavigationMixin.GenerateUrl = GenerateUrl;
    return { NavigationMixin, navigateCalls: calls };
});

const LEAD_ID = mockContext.leadId;
const [GLOBEX_GMBH, GLOBEX_HOLDINGS] = mockContext.candidateAccounts;

function createLeadConvert(props = {}) {
    const element = createElement('c-lead-convert', { is: LeadConvert });
    element.recordId = LEAD_ID;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

// Resolves once pending promises (wire emits, Apex calls, URL generation) and re-renders settle.
function flushPromises() {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    return new Promise((resolve) => setTimeout(resolve, 0));
}

function query(element, selector) {
    return element.shadowRoot.querySelector(selector);
}

function choose(element, selector, detail) {
    query(element, selector).dispatchEvent(
        new CustomEvent('change', { detail })
    );
    return flushPromises();
}

function clickConvert(element) {
    query(element, '.lead-convert__convert').click();
    return flushPromises();
}

function renderedLinks(element) {
    return [...element.shadowRoot.querySelectorAll('.lead-convert__link')].map(
        (item) => ({
            text: item.textContent.replace(/\s+/g, ' ').trim(),
            href: item.querySelector('a').getAttribute('href')
        })
    );
}

async function renderForm(props) {
    const element = createLeadConvert(props);
    getConversionContext.emit(mockContext);
    await flushPromises();
    return element;
}

// The error text a user sees: what each errorAlert inside the component's live region renders.
function alertText(element) {
    const region = element.shadowRoot.querySelector('[role="alert"]');
    return [...region.querySelectorAll('c-error-alert')]
        .map((alert) => alert.shadowRoot.textContent)
        .join(' ');
}

describe('c-lead-convert', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        navigateCalls.length = 0;
        jest.clearAllMocks();
    });

    it('asks for the conversion context of its lead', async () => {
        await renderForm();

        expect(getConversionContext.getLastConfig()).toEqual({
            leadId: LEAD_ID
        });
    });

    it('offers a new account or the matched ones, saying why each matched', async () => {
        const element = await renderForm();

        const account = query(element, '.lead-convert__account');
        expect(account.value).toBe('new');
        expect(account.options.map((option) => option.label)).toEqual([
            'Create a new account: Globex Analytics',
            'Globex Analytics GmbH · Munich · matched by: Duplicate rule Standard_Account_Duplicate_Rule',
            "Globex Analytics Holdings · matched by: Name contains the lead's company"
        ]);
        expect(account.options[1].value).toBe(GLOBEX_GMBH.id);
        expect(query(element, '.lead-convert__contact')).toBeNull();
        expect(query(element, '.lead-convert__opportunity-name').value).toBe(
            'Globex Analytics -'
        );
        expect(query(element, '.lead-convert__owner').value).toBe(
            mockContext.ownerId
        );
        // One converted status needs no choice.
        expect(query(element, '.lead-convert__status')).toBeNull();
    });

    it('only lets active users be chosen as owner', async () => {
        const element = await renderForm();

        expect(query(element, '.lead-convert__owner').filter).toEqual({
            criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }]
        });
    });

    it('converts into a chosen existing account and its matching contact', async () => {
        convertLead.mockResolvedValue(mockConvertResult);
        const element = await renderForm();

        await choose(element, '.lead-convert__account', {
            value: GLOBEX_GMBH.id
        });
        const contact = query(element, '.lead-convert__contact');
        expect(contact.options.map((option) => option.label)).toEqual([
            'Create a new contact: Maria Schmidt',
            'Maria Schmidt · maria.schmidt@globex-analytics.example.com · Same email'
        ]);
        await choose(element, '.lead-convert__contact', {
            value: GLOBEX_GMBH.contacts[0].id
        });
        await clickConvert(element);

        expect(convertLead).toHaveBeenCalledTimes(1);
        expect(convertLead.mock.calls[0][0]).toEqual({
            request: {
                leadId: LEAD_ID,
                convertedStatus: 'Converted',
                accountId: GLOBEX_GMBH.id,
                contactId: GLOBEX_GMBH.contacts[0].id,
                doNotCreateOpportunity: false,
                opportunityName: 'Globex Analytics -',
                ownerId: mockContext.ownerId
            }
        });
    });

    it('offers no contact choice for a matched account without look-alike contacts', async () => {
        const element = await renderForm();

        await choose(element, '.lead-convert__account', {
            value: GLOBEX_HOLDINGS.id
        });

        expect(query(element, '.lead-convert__contact')).toBeNull();
    });

    it('forgets the chosen contact when the account changes back to new', async () => {
        convertLead.mockResolvedValue(mockConvertResult);
        const element = await renderForm();
        await choose(element, '.lead-convert__account', {
            value: GLOBEX_GMBH.id
        });
        await choose(element, '.lead-convert__contact', {
            value: GLOBEX_GMBH.contacts[0].id
        });

        await choose(element, '.lead-convert__account', { value: 'new' });
        await clickConvert(element);

        const { request } = convertLead.mock.calls[0][0];
        expect(request.accountId).toBeNull();
        expect(request.contactId).toBeNull();
    });

    it('converts into a new account without an opportunity for another owner', async () => {
        convertLead.mockResolvedValue({
            ...mockConvertResult,
            opportunity: null
        });
        const element = await renderForm();

        await choose(element, '.lead-convert__skip-opportunity', {
            checked: true
        });
        expect(query(element, '.lead-convert__opportunity-name').disabled).toBe(
            true
        );
        await choose(element, '.lead-convert__owner', {
            recordId: '0055g00000BkQ9zAAF'
        });
        await clickConvert(element);

        expect(convertLead.mock.calls[0][0]).toEqual({
            request: {
                leadId: LEAD_ID,
                convertedStatus: 'Converted',
                accountId: null,
                contactId: null,
                doNotCreateOpportunity: true,
                opportunityName: null,
                ownerId: '0055g00000BkQ9zAAF'
            }
        });
        expect(
            query(element, '.lead-convert__no-opportunity').textContent
        ).toContain('No opportunity was created.');
    });

    it('sends the opportunity name the user typed', async () => {
        convertLead.mockResolvedValue(mockConvertResult);
        const element = await renderForm();

        await choose(element, '.lead-convert__opportunity-name', {
            value: 'Globex Analytics - Analytics'
        });
        await clickConvert(element);

        expect(convertLead.mock.calls[0][0].request.opportunityName).toBe(
            'Globex Analytics - Analytics'
        );
    });

    it('shows links to the created records, toasts and refreshes the record page', async () => {
        convertLead.mockResolvedValue(mockConvertResult);
        const element = await renderForm();
        const toastHandler = jest.fn();
        const convertedHandler = jest.fn();
        element.addEventListener('lightning__showtoast', toastHandler);
        element.addEventListener('converted', convertedHandler);

        await clickConvert(element);

        expect(renderedLinks(element)).toEqual([
            {
                text: 'Account: Globex Analytics',
                href: '/lightning/r/Account/0015g00000XyZb7AAB/view'
            },
            {
                text: 'Contact: Maria Schmidt',
                href: '/lightning/r/Contact/0035g00000PqRt9AAF/view'
            },
            {
                text: 'Opportunity: Globex Analytics - Analytics',
                href: '/lightning/r/Opportunity/0065g00000LmNo3AAB/view'
            }
        ]);
        expect(query(element, '.lead-convert__form')).toBeNull();
        expect(alertText(element)).toBe('');
        expect(toastHandler.mock.calls[0][0].detail).toEqual({
            title: 'Lead converted',
            message: 'Maria Schmidt was converted.',
            variant: 'success'
        });
        expect(convertedHandler.mock.calls[0][0].detail).toEqual(
            mockConvertResult
        );
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([
            { recordId: LEAD_ID }
        ]);
    });

    it('opens a created record in the app when its link is clicked', async () => {
        convertLead.mockResolvedValue(mockConvertResult);
        const element = await renderForm();
        await clickConvert(element);

        element.shadowRoot
            .querySelector('a[data-id="0035g00000PqRt9AAF"]')
            .click();

        expect(navigateCalls).toEqual([
            {
                type: 'standard__recordPage',
                attributes: {
                    recordId: '0035g00000PqRt9AAF',
                    objectApiName: 'Contact',
                    actionName: 'view'
                }
            }
        ]);
    });

    it('disables Convert and shows a spinner while converting', async () => {
        let finish;
        convertLead.mockReturnValue(
            new Promise((resolve) => {
                finish = resolve;
            })
        );
        const element = await renderForm();

        await clickConvert(element);

        expect(query(element, '.lead-convert__convert').disabled).toBe(true);
        expect(query(element, 'lightning-spinner').alternativeText).toBe(
            'Converting the lead'
        );

        finish(mockConvertResult);
        await flushPromises();
        expect(query(element, 'lightning-spinner')).toBeNull();
    });

    it('shows why the conversion failed inline and keeps the form', async () => {
        convertLead.mockRejectedValue(mockConvertError);
        const element = await renderForm();
        const toastHandler = jest.fn();
        element.addEventListener('lightning__showtoast', toastHandler);
        const region = query(element, '[role="alert"]');

        await clickConvert(element);

        // Screen readers announce only what is added to a live region already in the page.
        expect(query(element, '[role="alert"]')).toBe(region);
        expect(alertText(element)).toContain('The lead was not converted.');
        expect(alertText(element)).toContain(
            "FIELD_CUSTOM_VALIDATION_EXCEPTION: Enter the opportunity's close reason before converting."
        );
        expect(query(element, '.lead-convert__form')).not.toBeNull();
        expect(query(element, '.lead-convert__convert').disabled).toBe(false);
        expect(toastHandler).not.toHaveBeenCalled();
        expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
    });

    it('shows where an already converted lead went instead of the form', async () => {
        const element = createLeadConvert();
        getConversionContext.emit(mockConvertedContext);
        await flushPromises();

        expect(query(element, '.lead-convert__form')).toBeNull();
        expect(renderedLinks(element)).toEqual([
            {
                text: 'Account: Globex Analytics GmbH',
                href: '/lightning/r/Account/0015g00000XyZa1AAB/view'
            },
            {
                text: 'Contact: Maria Schmidt',
                href: '/lightning/r/Contact/0035g00000PqRs1AAF/view'
            }
        ]);
        expect(
            query(element, '.lead-convert__no-opportunity').textContent
        ).toContain('No opportunity was created.');
    });

    it('shows the load error and no form when the context fails to load', async () => {
        const element = createLeadConvert();
        getConversionContext.error(mockContextError.body);
        await flushPromises();

        expect(alertText(element)).toContain(
            'The lead conversion could not be loaded.'
        );
        expect(alertText(element)).toContain(
            'The lead was not found, or you do not have access to it.'
        );
        expect(query(element, '.lead-convert__form')).toBeNull();
        expect(query(element, '.lead-convert__loading')).toBeNull();
    });

    it('says it is loading until the context arrives', () => {
        const element = createLeadConvert();

        expect(query(element, '.lead-convert__loading').textContent).toContain(
            'Loading the lead'
        );
    });

    it('preselects the status the path chose when several are converted', async () => {
        const element = createLeadConvert({ convertedStatus: 'Closed - Won' });
        getConversionContext.emit({
            ...mockContext,
            convertedStatuses: [
                { value: 'Converted', label: 'Converted' },
                { value: 'Closed - Won', label: 'Closed - Won' }
            ]
        });
        await flushPromises();

        const status = query(element, '.lead-convert__status');
        expect(status.value).toBe('Closed - Won');
        expect(status.options).toHaveLength(2);
    });

    it('disables Convert when no lead status is marked converted', async () => {
        const element = createLeadConvert();
        getConversionContext.emit({ ...mockContext, convertedStatuses: [] });
        await flushPromises();

        expect(
            query(element, '.lead-convert__no-status').textContent
        ).toContain('No lead status is marked Converted');
        expect(query(element, '.lead-convert__convert').disabled).toBe(true);
    });

    it('is accessible showing the form', async () => {
        const element = await renderForm();

        await expect(element).toBeAccessible();
    });

    it('is accessible showing a conversion error', async () => {
        convertLead.mockRejectedValue(mockConvertError);
        const element = await renderForm();
        await clickConvert(element);

        await expect(element).toBeAccessible();
    });

    it('is accessible showing the converted records', async () => {
        convertLead.mockResolvedValue(mockConvertResult);
        const element = await renderForm();
        await clickConvert(element);

        await expect(element).toBeAccessible();
    });
});
