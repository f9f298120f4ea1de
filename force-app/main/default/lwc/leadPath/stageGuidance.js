/**
 * Guidance and key fields for each Lead status, keyed by the LeadStatus API value.
 *
 * This module is the single source of the guidance the leadPath component shows until the
 * component can read the Lead PathAssistant content (pathAssistants/Lead_Path); keep the two
 * in step when either changes. Key fields are Lead field API names.
 */
const STAGE_GUIDANCE = {
    New: {
        guidance:
            'Review the lead and research the company. Confirm the contact details and the lead source before reaching out.',
        keyFields: ['Email', 'Phone', 'LeadSource']
    },
    Contacted: {
        guidance:
            'Log the first conversation. Find out the need, the budget and who decides, and agree on a next step.',
        keyFields: ['Phone', 'Industry', 'Rating']
    },
    Qualified: {
        guidance:
            'The lead has a need, a budget and a timeline. Check for an existing account, then convert the lead.',
        keyFields: ['Company', 'NumberOfEmployees', 'AnnualRevenue']
    },
    Unqualified: {
        guidance:
            'Record why the lead does not fit, so marketing can nurture it or stop spending on it.',
        keyFields: ['Rating', 'Description']
    },
    Converted: {
        guidance:
            'Convert the lead to an account, a contact and, if there is a deal, an opportunity.',
        keyFields: ['Company', 'Email']
    }
};

const NO_GUIDANCE = Object.freeze({ guidance: '', keyFields: [] });

/**
 * The guidance and key fields for a Lead status value.
 * @param {String} status the LeadStatus API value
 * @return {{guidance: String, keyFields: String[]}} empty when the status has none
 */
export function guidanceFor(status) {
    return STAGE_GUIDANCE[status] || NO_GUIDANCE;
}
