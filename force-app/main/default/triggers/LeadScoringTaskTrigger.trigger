trigger LeadScoringTaskTrigger on Task(
    after insert,
    after update,
    after delete,
    after undelete
) {
    new LeadScoringService().activitiesChanged(Trigger.new, Trigger.oldMap);
}
