// Generated from pathAssistants/Lead_Path by scripts/generate-lead-path-guidance.mjs: edit the Path,
// then run `npm run generate:lead-guidance`. Guidance is the Path's rich text (HTML, shown through
// lightning-formatted-rich-text); key fields are Lead field API names.
export const STAGE_GUIDANCE = {
    New: {
        guidance:
            '<p><b>Make first contact within one business day.</b></p><ul><li>Check the email address and phone number before you reach out.</li><li>Set the territory and product interest so the lead reaches the right team.</li><li>Move to Contacted as soon as you have spoken to or emailed the lead.</li></ul>',
        keyFields: [
            'Email',
            'Phone',
            'LeadSource',
            'Product_Interest__c',
            'Territory__c'
        ]
    },
    Contacted: {
        guidance:
            "<p><b>Find out whether there is a real need.</b></p><ul><li>Confirm the lead's role and whether they decide or influence the purchase.</li><li>Log every call and email as an activity: they feed the lead score.</li><li>Rate the lead Hot, Warm or Cold after the first conversation.</li></ul>",
        keyFields: ['Title', 'Phone', 'Industry', 'Rating']
    },
    Qualified: {
        guidance:
            '<p><b>Budget, authority, need and timing are confirmed.</b></p><ul><li>Complete the company size and revenue so the account is created with them.</li><li>Check for an existing account before you convert.</li><li>Convert the lead to create the account, contact and opportunity.</li></ul>',
        keyFields: [
            'Company',
            'NumberOfEmployees',
            'AnnualRevenue',
            'Product_Interest__c',
            'Website'
        ]
    },
    Unqualified: {
        guidance:
            '<p><b>No fit for now.</b></p><ul><li>Record why in a note or activity so marketing can nurture the lead.</li><li>Do not delete the lead: its source still counts in the lead source reports.</li></ul>',
        keyFields: ['Rating', 'LeadSource']
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
