import { LightningElement, api } from 'lwc';

/**
 * An SLDS error alert: a heading sentence followed by each error message, or nothing when there is
 * neither. It renders no live region of its own: the parent keeps a role="alert" element rendered
 * around it, because screen readers announce content added to a live region that is already in the
 * DOM, and this component appears together with its content (the parent renders it under lwc:if),
 * so a region inside it would be new when the error is and would go unannounced.
 */
export default class ErrorAlert extends LightningElement {
    /** The sentence that says what failed, e.g. "The status was not changed." */
    @api heading;

    /** The error messages, shown after the heading in order. */
    @api messages = [];

    get visibleMessages() {
        return Array.isArray(this.messages) ? this.messages : [];
    }

    get hasContent() {
        return !!this.heading || this.visibleMessages.length > 0;
    }
}
