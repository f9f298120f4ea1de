import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { reduceErrors } from 'c/ldsUtils';
import LeadConvertModal, { CONVERTED } from 'c/leadConvertModal';
import LEAD_OBJECT from '@salesforce/schema/Lead';
import ID_FIELD from '@salesforce/schema/Lead.Id';
import STATUS_FIELD from '@salesforce/schema/Lead.Status';
import { guidanceFor } from './stageGuidance';

/**
 * The Lead status path on the Lead record page: shows the stages of the record type's
 * LeadStatus picklist, the guidance for the chosen one, and moves the lead on with updateRecord.
 * A converted status is never written here: choosing one opens conversion (leadConvertModal).
 */
export default class LeadPath extends LightningElement {
    @api recordId;

    /** The LeadStatus value that opens conversion when the picklist value carries no converted flag. */
    @api convertedStatus = 'Converted';

    status;
    recordTypeId;
    recordRecordTypeId;
    defaultRecordTypeId;
    picklistValues;
    selectedValue;
    loadErrors = {};
    saveErrors = [];
    isSaving = false;

    @wire(getObjectInfo, { objectApiName: LEAD_OBJECT })
    wiredObjectInfo({ data, error }) {
        if (data) {
            this.defaultRecordTypeId = data.defaultRecordTypeId;
            this.resolveRecordTypeId();
            this.setLoadError('objectInfo', undefined);
        } else if (error) {
            this.setLoadError('objectInfo', error);
        }
    }

    @wire(getRecord, { recordId: '$recordId', fields: [STATUS_FIELD] })
    wiredRecord({ data, error }) {
        if (data) {
            this.status = data.fields[STATUS_FIELD.fieldApiName].value;
            this.recordRecordTypeId = data.recordTypeId;
            this.resolveRecordTypeId();
            this.setLoadError('record', undefined);
        } else if (error) {
            this.setLoadError('record', error);
        }
    }

    @wire(getPicklistValues, {
        recordTypeId: '$recordTypeId',
        fieldApiName: STATUS_FIELD
    })
    wiredPicklistValues({ data, error }) {
        if (data) {
            this.picklistValues = data.values;
            this.setLoadError('picklistValues', undefined);
        } else if (error) {
            this.setLoadError('picklistValues', error);
        }
    }

    // The record's own record type wins; a lead without one uses the object's default.
    resolveRecordTypeId() {
        this.recordTypeId =
            this.recordRecordTypeId || this.defaultRecordTypeId || undefined;
    }

    setLoadError(source, error) {
        this.loadErrors = { ...this.loadErrors, [source]: error };
    }

    get loadErrorMessages() {
        return reduceErrors(Object.values(this.loadErrors));
    }

    get hasLoadError() {
        return Object.values(this.loadErrors).some((error) => !!error);
    }

    get isLoading() {
        return !this.hasLoadError && this.picklistValues === undefined;
    }

    get isEmpty() {
        return (
            !this.hasLoadError &&
            Array.isArray(this.picklistValues) &&
            this.picklistValues.length === 0
        );
    }

    get hasStages() {
        return (
            !this.hasLoadError &&
            Array.isArray(this.picklistValues) &&
            this.picklistValues.length > 0
        );
    }

    get hasSaveErrors() {
        return this.saveErrors.length > 0;
    }

    /** The stage whose guidance shows: the one the user chose, else the current one. */
    get activeValue() {
        return this.selectedValue || this.status;
    }

    get currentIndex() {
        return (this.picklistValues || []).findIndex(
            (entry) => entry.value === this.status
        );
    }

    get stages() {
        const currentIndex = this.currentIndex;
        return (this.picklistValues || []).map((entry, index) => {
            const isCurrent = index === currentIndex;
            const isComplete = currentIndex > -1 && index < currentIndex;
            let cssClass = 'slds-path__item';
            if (isCurrent) {
                cssClass += this.isConverted(entry)
                    ? ' slds-is-won'
                    : ' slds-is-current';
            } else if (isComplete) {
                cssClass += ' slds-is-complete';
            } else {
                cssClass += ' slds-is-incomplete';
            }
            if (entry.value === this.activeValue) {
                cssClass += ' slds-is-active';
            }
            let stateText = '';
            if (isCurrent) {
                stateText = 'Current stage:';
            } else if (isComplete) {
                stateText = 'Stage complete:';
            }
            return {
                value: entry.value,
                label: entry.label,
                cssClass,
                stateText,
                ariaCurrent: isCurrent ? 'step' : null
            };
        });
    }

    isConverted(entry) {
        return (
            !!entry &&
            ((entry.attributes && entry.attributes.converted === true) ||
                entry.value === this.convertedStatus)
        );
    }

    findValue(value) {
        return (this.picklistValues || []).find(
            (entry) => entry.value === value
        );
    }

    /** The value the action button moves the lead to, with the button's label. */
    get action() {
        const chosen = this.findValue(this.selectedValue);
        if (chosen && chosen.value !== this.status) {
            return {
                target: chosen,
                label: this.isConverted(chosen)
                    ? 'Select Converted Status'
                    : 'Mark as Current Status'
            };
        }
        const values = this.picklistValues || [];
        const index = this.currentIndex;
        const next = index > -1 ? values[index + 1] : undefined;
        return { target: next, label: 'Mark Status as Complete' };
    }

    get actionLabel() {
        return this.action.label;
    }

    get isActionDisabled() {
        return this.isSaving || !this.action.target;
    }

    get activeLabel() {
        const entry = this.findValue(this.activeValue);
        return entry ? entry.label : '';
    }

    get activeGuidance() {
        return guidanceFor(this.activeValue);
    }

    get hasGuidance() {
        return !!this.activeGuidance.guidance;
    }

    get hasKeyFields() {
        return !!this.recordId && this.activeGuidance.keyFields.length > 0;
    }

    get objectApiName() {
        return LEAD_OBJECT.objectApiName;
    }

    handleStageClick(event) {
        const { value } = event.currentTarget.dataset;
        this.selectedValue = value === this.status ? undefined : value;
        this.saveErrors = [];
    }

    handleActionClick() {
        const { target } = this.action;
        if (!target) {
            return;
        }
        if (this.isConverted(target)) {
            // Conversion needs more than a status: the account, contact, opportunity and owner.
            this.openConversion(target);
            return;
        }
        this.saveStatus(target);
    }

    async openConversion(target) {
        this.saveErrors = [];
        const outcome = await LeadConvertModal.open({
            size: 'medium',
            label: 'Convert lead',
            recordId: this.recordId,
            convertedStatus: target.value
        });
        if (outcome === CONVERTED) {
            // leadConvert tells the record page to reload; show the new stage meanwhile.
            this.status = target.value;
            this.selectedValue = undefined;
        }
    }

    async saveStatus(target) {
        this.isSaving = true;
        this.saveErrors = [];
        try {
            await updateRecord({
                fields: {
                    [ID_FIELD.fieldApiName]: this.recordId,
                    [STATUS_FIELD.fieldApiName]: target.value
                }
            });
            this.status = target.value;
            this.selectedValue = undefined;
            this.dispatchEvent(
                new ShowToastEvent({
                    title: 'Lead updated',
                    message: `Status set to ${target.label}.`,
                    variant: 'success'
                })
            );
        } catch (error) {
            const messages = reduceErrors(error);
            this.saveErrors = messages.length
                ? messages
                : ['The lead could not be updated.'];
        } finally {
            this.isSaving = false;
        }
    }
}
