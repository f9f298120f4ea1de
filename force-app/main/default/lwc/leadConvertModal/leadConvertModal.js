import { api } from 'lwc';
import LightningModal from 'lightning/modal';

/** The result the modal closes with once the lead was converted. */
export const CONVERTED = 'converted';

/**
 * The leadConvert form in a modal, opened by the lead path when the user picks a converted status.
 * Closes with CONVERTED after a conversion, so the opener knows the lead moved on.
 */
export default class LeadConvertModal extends LightningModal {
    @api recordId;

    /** The converted status the user picked on the path. */
    @api convertedStatus;

    isConverted = false;

    get closeLabel() {
        return this.isConverted ? 'Done' : 'Cancel';
    }

    handleConverted() {
        // Stay open so the user sees the links to the new records; Done closes.
        this.isConverted = true;
    }

    handleClose() {
        this.close(this.isConverted ? CONVERTED : undefined);
    }
}
