#!/usr/bin/env bash
# Brings up a single-node Slurm cluster on this machine, as root (Debian's slurm-wlm and munge):
# munged, slurmctld and slurmd on localhost, one partition "debug" holding this node with all its
# CPUs. Idempotent: run it again and it restarts the daemons with the same configuration.
#   sudo bash Scripts/slurm-local.sh          # then: sinfo; dfl sweep plan.yaml --slurm ...
#   bash Scripts/slurm-local.sh stop
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then echo "slurm-local: run as root" >&2; exit 1; fi
if [ "${1:-start}" = "stop" ]; then
    pkill -x slurmd || true; pkill -x slurmctld || true; pkill -x munged || true
    exit 0
fi
need=()
for p in slurm-wlm munge; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
node=$(hostname -s)
# `slurmd -C` prints this node's line (CPUs, sockets, cores, memory) as slurm.conf wants it.
nodeline=$(slurmd -C | head -1)
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
chown -R slurm:slurm /var/spool/slurmctld /var/log/slurm 2>/dev/null || true
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=dflkit-local
SlurmctldHost=${node}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
MpiDefault=none
${nodeline} State=UNKNOWN
PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP
CONF
# A munge key, created once.
if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown munge:munge /etc/munge/munge.key 2>/dev/null || true
chmod 400 /etc/munge/munge.key
chown munge:munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
pkill -x slurmd || true; pkill -x slurmctld || true; pkill -x munged || true
sleep 1
runuser -u munge -- /usr/sbin/munged --force
slurmctld -i
slurmd
# Wait for the node to come up.
for _ in $(seq 1 30); do
    if sinfo -h -o %T 2>/dev/null | grep -qE "idle|mixed|allocated"; then
        echo "slurm-local: up ($(sinfo -h -o '%P %D %T %c'))"
        exit 0
    fi
    sleep 1
done
echo "slurm-local: the node did not come up; see /var/log/slurm/*.log" >&2
exit 1
