import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { refreshApex } from '@salesforce/apex';
import getConversionContext from '@salesforce/apex/LeadConvertController.getConversionContext';
import convertLead from '@salesforce/apex/LeadConvertController.convertLead';
import { reduceErrors } from 'c/ldsUtils';

const NEW_RECORD = 'new';

// Only active users can own what conversion creates; the server checks again.
const ACTIVE_USERS = {
    criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }]
};

/**
 * Lead conversion on the Lead record page: a new or existing (duplicate-aware) account, a new or
 * existing contact, an optional opportunity and the owner, converted by LeadConvertController;
 * then links to the records it went to. An already converted lead shows those links instead.
 */
export default class LeadConvert extends NavigationMixin(LightningElement) {
    @api recordId;

    /** The converted status to preselect (the path passes the stage the user chose). */
    @api convertedStatus;

    context;
    loadError;
    wiredContext;

    selectedStatus;
    accountChoice = NEW_RECORD;
    contactChoice = NEW_RECORD;
    doNotCreateOpportunity = false;
    opportunityName;
    ownerId;

    isWorking = false;
    convertErrors = [];
    result;
    links = [];

    @wire(getConversionContext, { leadId: '$recordId' })
    wiredConversionContext(value) {
        this.wiredContext = value;
        const { data, error } = value;
        if (data) {
            this.context = data;
            this.loadError = undefined;
            this.applyDefaults(data);
            if (data.isConverted && !this.result) {
                this.showLinks(data.converted);
            }
        } else if (error) {
            this.context = undefined;
            this.loadError = error;
        }
    }

    // The form starts as the standard Convert dialog does: new records, the lead's owner.
    applyDefaults(data) {
        const statuses = data.convertedStatuses || [];
        const preferred = statuses.find(
            (status) => status.value === this.convertedStatus
        );
        this.selectedStatus = preferred
            ? preferred.value
            : statuses.length
              ? statuses[0].value
              : undefined;
        if (this.opportunityName === undefined) {
            this.opportunityName = `${data.company || ''} -`;
        }
        if (this.ownerId === undefined) {
            this.ownerId = data.ownerId;
        }
    }

    get isLoading() {
        return !this.context && !this.loadError;
    }

    get loadErrorMessages() {
        return reduceErrors(this.loadError);
    }

    get isConverted() {
        return !!this.result || (!!this.context && this.context.isConverted);
    }

    get showForm() {
        return !!this.context && !this.isConverted;
    }

    get hasConvertErrors() {
        return this.convertErrors.length > 0;
    }

    get hasSeveralStatuses() {
        return (this.context.convertedStatuses || []).length > 1;
    }

    get hasNoStatus() {
        return (this.context.convertedStatuses || []).length === 0;
    }

    get statusOptions() {
        return this.context.convertedStatuses || [];
    }

    get accountOptions() {
        const candidates = this.context.candidateAccounts || [];
        return [
            {
                label: `Create a new account: ${this.context.company}`,
                value: NEW_RECORD
            },
            ...candidates.map((account) => ({
                label: [
                    account.name,
                    account.city,
                    `matched by: ${account.reason}`
                ]
                    .filter((part) => !!part)
                    .join(' · '),
                value: account.id
            }))
        ];
    }

    get hasCandidates() {
        return (this.context.candidateAccounts || []).length > 0;
    }

    get chosenAccount() {
        return (this.context.candidateAccounts || []).find(
            (account) => account.id === this.accountChoice
        );
    }

    get showContactChoice() {
        const account = this.chosenAccount;
        return !!account && (account.contacts || []).length > 0;
    }

    get contactOptions() {
        const contacts = this.chosenAccount.contacts || [];
        return [
            {
                label: `Create a new contact: ${this.context.name}`,
                value: NEW_RECORD
            },
            ...contacts.map((contact) => ({
                label: [contact.name, contact.email, contact.reason]
                    .filter((part) => !!part)
                    .join(' · '),
                value: contact.id
            }))
        ];
    }

    get ownerFilter() {
        return ACTIVE_USERS;
    }

    get isConvertDisabled() {
        return this.isWorking || this.hasNoStatus;
    }

    handleStatusChange(event) {
        this.selectedStatus = event.detail.value;
    }

    handleAccountChange(event) {
        this.accountChoice = event.detail.value;
        // A contact belongs to one account: a new account choice resets it.
        this.contactChoice = NEW_RECORD;
    }

    handleContactChange(event) {
        this.contactChoice = event.detail.value;
    }

    handleSkipOpportunityChange(event) {
        this.doNotCreateOpportunity = event.detail.checked;
    }

    handleOpportunityNameChange(event) {
        this.opportunityName = event.detail.value;
    }

    handleOwnerChange(event) {
        this.ownerId = event.detail.recordId || undefined;
    }

    async handleConvert() {
        this.isWorking = true;
        this.convertErrors = [];
        try {
            const result = await convertLead({
                request: {
                    leadId: this.recordId,
                    convertedStatus: this.selectedStatus,
                    accountId:
                        this.accountChoice === NEW_RECORD
                            ? null
                            : this.accountChoice,
                    contactId:
                        this.contactChoice === NEW_RECORD
                            ? null
                            : this.contactChoice,
                    doNotCreateOpportunity: this.doNotCreateOpportunity,
                    opportunityName: this.doNotCreateOpportunity
                        ? null
                        : this.opportunityName,
                    ownerId: this.ownerId || null
                }
            });
            this.result = result;
            await this.showLinks(result);
            this.dispatchEvent(
                new ShowToastEvent({
                    title: 'Lead converted',
                    message: `${this.context.name} was converted.`,
                    variant: 'success'
                })
            );
            this.dispatchEvent(
                new CustomEvent('converted', { detail: result })
            );
            // The record page and this form's cached data both still show an open lead.
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            await refreshApex(this.wiredContext);
        } catch (error) {
            const messages = reduceErrors(error);
            this.convertErrors = messages.length
                ? messages
                : ['The lead could not be converted.'];
        } finally {
            this.isWorking = false;
        }
    }

    async showLinks(converted) {
        const records = [
            {
                label: 'Account',
                objectApiName: 'Account',
                link: converted.account
            },
            {
                label: 'Contact',
                objectApiName: 'Contact',
                link: converted.contact
            },
            {
                label: 'Opportunity',
                objectApiName: 'Opportunity',
                link: converted.opportunity
            }
        ].filter((record) => record.link && record.link.id);
        this.links = await Promise.all(
            records.map(async (record) => ({
                key: record.link.id,
                label: record.label,
                // The template compiler drops whitespace between elements: keep the gap in the text.
                caption: `${record.label}: `,
                name: record.link.name || record.link.id,
                pageReference: this.pageReferenceOf(record),
                url: await this[NavigationMixin.GenerateUrl](
                    this.pageReferenceOf(record)
                )
            }))
        );
    }

    get hasNoOpportunity() {
        return !this.links.some((link) => link.label === 'Opportunity');
    }

    pageReferenceOf(record) {
        return {
            type: 'standard__recordPage',
            attributes: {
                recordId: record.link.id,
                objectApiName: record.objectApiName,
                actionName: 'view'
            }
        };
    }

    handleLinkClick(event) {
        const link = this.links.find(
            (entry) => entry.key === event.currentTarget.dataset.id
        );
        if (link) {
            event.preventDefault();
            this[NavigationMixin.Navigate](link.pageReference);
        }
    }
}
