trigger LeadScoringLeadTrigger on Lead(before insert, before update) {
    new LeadScoringService().scoreBeforeSave(Trigger.new);
}
