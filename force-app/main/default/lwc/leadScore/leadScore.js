import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { reduceErrors } from 'c/ldsUtils';
import LEAD_SCORE_FIELD from '@salesforce/schema/Lead.Lead_Score__c';
import ENGAGEMENT_SCORE_FIELD from '@salesforce/schema/Lead.Engagement_Score__c';
import DEMOGRAPHIC_SCORE_FIELD from '@salesforce/schema/Lead.Demographic_Score__c';
import BEHAVIOUR_SCORE_FIELD from '@salesforce/schema/Lead.Behaviour_Score__c';

const DEFAULT_HOT_THRESHOLD = 70;
const DEFAULT_WARM_THRESHOLD = 40;

// The parts of the score in the order they are listed; `key` is how the why-line names them.
const PARTS = [
    {
        key: 'engagement',
        label: 'Engagement',
        field: ENGAGEMENT_SCORE_FIELD
    },
    {
        key: 'demographics',
        label: 'Demographics',
        field: DEMOGRAPHIC_SCORE_FIELD
    },
    {
        key: 'behaviour',
        label: 'Behaviour',
        field: BEHAVIOUR_SCORE_FIELD
    }
];

const FIELDS = [LEAD_SCORE_FIELD, ...PARTS.map((part) => part.field)];

function toNumber(value) {
    if (value === null || value === undefined || value === '') {
        return undefined;
    }
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
}

/**
 * The lead's score on the Lead record page: the total, its engagement, demographics and
 * behaviour parts, a hot/warm/cold band from thresholds set in App Builder, and one line on why.
 */
export default class LeadScore extends LightningElement {
    @api recordId;

    /** The score from which a lead is hot; must be above warmThreshold, else both defaults apply. */
    @api hotThreshold = DEFAULT_HOT_THRESHOLD;

    /** The score from which a lead is warm. */
    @api warmThreshold = DEFAULT_WARM_THRESHOLD;

    record;
    error;

    @wire(getRecord, { recordId: '$recordId', fields: FIELDS })
    wiredRecord({ data, error }) {
        if (data) {
            this.record = data;
            this.error = undefined;
        } else if (error) {
            this.record = undefined;
            this.error = error;
        }
    }

    get isLoading() {
        return !this.record && !this.error;
    }

    get hasError() {
        return !!this.error;
    }

    get errorMessages() {
        const messages = reduceErrors(this.error);
        return messages.length ? messages : ['Unknown error.'];
    }

    fieldValue(field) {
        const entry = this.record && this.record.fields[field.fieldApiName];
        return entry ? toNumber(entry.value) : undefined;
    }

    get parts() {
        return PARTS.map((part) => ({
            ...part,
            value: this.fieldValue(part.field) || 0
        }));
    }

    /** A lead nothing has scored yet: every part blank or zero. */
    get isEmpty() {
        return !!this.record && this.parts.every((part) => part.value === 0);
    }

    get hasScore() {
        return !!this.record && !this.isEmpty;
    }

    // The formula total, or the sum of the parts when the formula is not readable as a number.
    get total() {
        const total = this.fieldValue(LEAD_SCORE_FIELD);
        return total !== undefined
            ? total
            : this.parts.reduce((sum, part) => sum + part.value, 0);
    }

    /** Valid thresholds are numbers with warm below hot; anything else falls back to the defaults. */
    get thresholds() {
        const hot = toNumber(this.hotThreshold);
        const warm = toNumber(this.warmThreshold);
        if (hot === undefined || warm === undefined || warm >= hot) {
            return { hot: DEFAULT_HOT_THRESHOLD, warm: DEFAULT_WARM_THRESHOLD };
        }
        return { hot, warm };
    }

    get band() {
        const { hot, warm } = this.thresholds;
        if (this.total >= hot) {
            return {
                label: 'Hot',
                cssClass: 'slds-badge slds-theme_error lead-score__band'
            };
        }
        if (this.total >= warm) {
            return {
                label: 'Warm',
                cssClass: 'slds-badge slds-theme_warning lead-score__band'
            };
        }
        return {
            label: 'Cold',
            cssClass: 'slds-badge slds-badge_lightest lead-score__band'
        };
    }

    get thresholdText() {
        const { hot, warm } = this.thresholds;
        return `Hot from ${hot} points, warm from ${warm}.`;
    }

    get breakdown() {
        const positiveTotal = this.parts.reduce(
            (sum, part) => sum + Math.max(part.value, 0),
            0
        );
        return this.parts.map((part) => {
            const share = positiveTotal
                ? Math.round((Math.max(part.value, 0) / positiveTotal) * 100)
                : 0;
            return {
                key: part.key,
                label: part.label,
                value: part.value,
                barStyle: `width: ${share}%`
            };
        });
    }

    /** One line on why: the band, the total and the part that contributed most (or the tied ones). */
    get whyLine() {
        const parts = this.parts;
        const top = Math.max(...parts.map((part) => part.value));
        const leaders = parts.filter((part) => part.value === top);
        const prefix = `${this.band.label}: ${this.total} points`;
        if (leaders.length === 1) {
            return `${prefix}, mostly from ${leaders[0].key} (${top} of ${this.total}).`;
        }
        const names = leaders.map((part) => part.key);
        const spoken = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
        return `${prefix}, equally from ${spoken} (${top} each).`;
    }
}
